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

## receipt: sent to the requester once the email address is confirmed
receipt-subject = Olemme vastaanottaneet pyyntösi { $reference }
receipt-greeting = Hei { $name },
receipt-intro = Rekisteriä ”{ $register }” koskeva pyyntösi ({ $kind }) on kirjattu viitteellä { $reference }. Pyyntö vastaanotettiin { $received }.
receipt-deadline = Rekisterinpitäjän on vastattava viimeistään { $deadline }. Jos pyyntö on monimutkainen, määräaikaa voidaan jatkaa kerran, enintään { $extended } asti; tällöin sinulle kerrotaan syy.
receipt-asked = Pyysit seuraavaa:
receipt-scope = Kuvauksesi: { $scope }
receipt-scope-none = Pyyntösi koskee kaikkia sinusta tallennettuja tietoja.
receipt-item = { $field }: ”{ $current }” → ”{ $corrected }”
receipt-objection-effect = Kieltosi tuli voimaan, kun vahvistit sähköpostiosoitteesi. Tietojasi ei enää käytetä näihin tarkoituksiin: { $purposes } (kanavat: { $channels }).
receipt-status = Voit seurata pyyntösi käsittelyä ja perua pyynnön täällä:
receipt-next = Mitä seuraavaksi tapahtuu: yhteyshenkilö käsittelee pyyntösi ja lähettää vastauksen tähän osoitteeseen. Jos henkilöllisyytesi varmistamiseen tai pyynnön tarkentamiseen tarvitaan lisätietoja, niitä kysytään sinulta; aikaa, joka kuluu vastauksesi odottamiseen, ei lasketa määräaikaan.

## new-request: sent to the register's contact person (no personal data in the message)
new-request-subject = Uusi pyyntö { $reference }: { $kind }
new-request-intro = Rekisteriä ”{ $register }” koskeva uusi pyyntö on vahvistettu.
new-request-reference = Viite: { $reference }
new-request-received = Vastaanotettu: { $received }
new-request-deadline = Määräaika: { $deadline }
new-request-open = Avaa pyyntö pyyntöjonossa:
