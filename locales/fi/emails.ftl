# Email messages. Each message has a subject and body paragraphs; arguments are in { $braces }.

## verification: the requester confirms their email address (link + code)
verification-subject = Vahvista pyyntösi { $reference }
verification-reference = Viite: { $reference }
verification-greeting = Hei { $name },
verification-intro = Olemme vastaanottaneet rekisteriä ”{ $register }” koskevan pyyntösi: { $kind }. Ennen kuin pyyntö käsitellään, vahvistathan, että tämä sähköpostiosoite on sinun.
verification-link = Vahvista avaamalla tämä linkki:
verification-code = Tai syötä tämä koodi vahvistussivulle:
verification-expires = Linkki ja koodi ovat voimassa { $expires } (UTC) asti.
verification-ignore = Jos et tehnyt tätä pyyntöä, voit jättää tämän viestin huomiotta: mitään ei käsitellä, ja pyyntö poistetaan 7 päivän kuluttua.
