# Email messages. Each message has a subject and body paragraphs; arguments are in { $braces }.

## verification: the requester confirms their email address (link + code)
verification-subject = Kinnitage oma taotlus { $reference }
verification-reference = Viide: { $reference }
verification-greeting = Tere, { $name }!
verification-intro = Oleme kätte saanud Teie taotluse ({ $kind }), mis puudutab registrit „{ $register }“. Enne taotluse menetlemist palume Teil kinnitada, et see e-posti aadress kuulub Teile.
verification-link = Kinnitamiseks avage see link:
verification-code = Või sisestage see kood kinnituslehel:
verification-expires = Link ja kood kehtivad kuni { $expires } (UTC).
verification-ignore = Kui Te ei ole seda taotlust esitanud, jätke see kiri tähelepanuta: midagi ei menetleta ja taotlus kustutatakse 7 päeva pärast.

## receipt: sent to the requester once the email address is confirmed
receipt-subject = Oleme Teie taotluse { $reference } kätte saanud
receipt-greeting = Tere, { $name }!
receipt-intro = Teie taotlus ({ $kind }), mis puudutab registrit „{ $register }“, on registreeritud viitega { $reference }. Taotlus saabus { $received }.
receipt-deadline = Vastutav töötleja peab vastama hiljemalt { $deadline }. Keeruka taotluse korral võib tähtaega ühe korra pikendada, kuid mitte kauemaks kui { $extended }; sel juhul teatatakse Teile ka põhjus.
receipt-asked = Te taotlesite järgmist:
receipt-scope = Teie kirjeldus: { $scope }
receipt-scope-none = Teie taotlus puudutab kõiki Teie kohta säilitatavaid andmeid.
receipt-item = { $field }: „{ $current }“ → „{ $corrected }“
receipt-objection-effect = Teie keeld jõustus, kui kinnitasite oma e-posti aadressi. Teie andmeid ei kasutata enam järgmistel eesmärkidel: { $purposes } (kanalid: { $channels }).
receipt-status = Siin saate oma taotluse käiku jälgida ja taotluse tagasi võtta:
receipt-next = Mis edasi saab: kontaktisik menetleb Teie taotlust ja saadab vastuse sellele aadressile. Kui Teie isiku tuvastamiseks või taotluse täpsustamiseks on vaja lisateavet, küsitakse seda Teilt; aega, mis kulub Teie vastuse ootamisele, tähtaja hulka ei arvata.

## new-request: sent to the register's contact person (no personal data in the message)
new-request-subject = Uus taotlus { $reference }: { $kind }
new-request-intro = Registrit „{ $register }“ puudutav uus taotlus on kinnitatud.
new-request-reference = Viide: { $reference }
new-request-received = Saabunud: { $received }
new-request-deadline = Tähtaeg: { $deadline }
new-request-open = Avage taotlus taotluste järjekorras:
