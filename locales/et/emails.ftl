# Email messages. Each message has a subject and body paragraphs; arguments are in { $braces }.

## verification: the requester confirms their email address (link + code)
verification-subject = Kinnitage oma taotlus { $reference }
verification-reference = Viide: { $reference }
verification-greeting = Tere, { $name }!
verification-intro = Oleme kätte saanud Teie taotluse ({ $kind }), mis puudutab registrit „{ $register }“. Teie taotlust ei menetleta enne, kui olete kinnitanud, et see e-posti aadress kuulub Teile.
verification-link = Kinnitamiseks avage see link:
verification-code = Või sisestage see kood kinnituslehel:
verification-expires = Link ja kood kehtivad kuni { $expires } ({ $zone }).
verification-ignore = Kui Te ei ole seda taotlust esitanud, jätke see kiri tähelepanuta: taotlust ei menetleta ja see kustutatakse 7 päeva pärast.

## receipt: sent to the requester once the email address is confirmed
receipt-subject = Oleme Teie taotluse { $reference } kätte saanud
receipt-greeting = Tere, { $name }!
receipt-intro = Teie taotlus ({ $kind }), mis puudutab registrit „{ $register }“, on registreeritud viitega { $reference }. Taotlus saabus { $received }.
receipt-deadline = Vastutav töötleja peab vastama hiljemalt { $deadline }. Keeruka taotluse korral võib tähtaega ühe korra pikendada, kuid hiljemalt { $extended }; sel juhul teatatakse Teile ka põhjus.
receipt-asked = Te taotlesite järgmist:
receipt-scope = Teie kirjeldus: { $scope }
receipt-scope-none = Teie taotlus puudutab kõiki Teie kohta säilitatavaid andmeid.
receipt-item = { $field }: „{ $current }“ → „{ $corrected }“
receipt-objection-effect = Teie vastuväide otseturustusele jõustus, kui kinnitasite oma e-posti aadressi. Teie andmeid ei kasutata enam järgmistel eesmärkidel: { $purposes } (kanalid: { $channels }).
receipt-restriction-ground = Alus (üldmääruse artikli 18 lõike 1 punkt { $point }): { $ground }
receipt-explanation = Teie selgitus: { $explanation }
receipt-processing = Töötlemine, millele esitasite vastuväite: { $processing }
receipt-situation = Teie põhjused: { $situation }
receipt-general-objection-effect = Vastuväide ei jõustu iseenesest: vastutav töötleja peab töötlemise lõpetama, kui ta ei tõenda, et töötlemiseks on mõjuv õiguspärane põhjus, mis kaalub üles Teie huvid, õigused ja vabadused, või et töötlemine on vajalik õigusnõuete koostamiseks, esitamiseks või kaitsmiseks (üldmääruse artikli 21 lõige 1). Vastuses öeldakse, kumb kehtib.
receipt-portability-scope-none = Teie taotlus puudutab kõiki isikuandmeid, mille olete vastutavale töötlejale esitanud.
receipt-format = Soovitud failivorming: { $format }
receipt-format-any = Failivorming: JSON või CSV, vastavalt sellele, mida vastutav töötleja saab pakkuda.
receipt-receiving-controller = Andmed edastatakse otse, kui see on tehniliselt teostatav, vastutavale töötlejale: { $controller }
receipt-status = Siin saate oma taotluse käiku jälgida ja taotluse tagasi võtta:
receipt-next = Mis edasi saab: kontaktisik menetleb Teie taotlust ja saadab vastuse sellele aadressile. Kui Teie isiku tuvastamiseks või taotluse täpsustamiseks on vaja lisateavet, küsitakse seda Teilt; aega, mis kulub Teie vastuse ootamisele, tähtaja hulka ei arvata.

## new-request: sent to the register's contact person (no personal data in the message)
new-request-subject = Uus taotlus { $reference }: { $kind }
new-request-intro = Registrit „{ $register }“ puudutav uus taotlus on kinnitatud.
new-request-reference = Viide: { $reference }
new-request-received = Saabunud: { $received }
new-request-deadline = Tähtaeg: { $deadline }
new-request-open = Avage taotlus taotluste järjekorras:

## clarification: the handler asks the requester for identity information or a clarification
clarification-subject = Teie taotluse { $reference } jaoks on vaja lisateavet
clarification-greeting = Tere, { $name }!
clarification-intro-identity = Et vastata Teie taotlusele { $reference }, mis puudutab registrit „{ $register }“, peame olema kindlad, et taotluse on esitanud Teie. Palun saatke meile järgmine teave:
clarification-intro-clarification = Et vastata Teie taotlusele { $reference }, mis puudutab registrit „{ $register }“, palume Teil taotlust täpsustada. Meie küsimus:
clarification-how = Vastata saate sellele kirjale vastates või oma taotluse olekulehel (link on vastuvõtukinnituses, mille Teile saatsime).
clarification-answer-here = Vastake oma taotluse olekulehel (või vastake sellele kirjale):
clarification-clock = Aega, mis kulub Teie vastuse saabumiseni, taotlusele vastamise tähtaja hulka ei arvata.

## extension: the deadline is extended once, with reasons (GDPR Art 12(3))
extension-subject = Vastus Teie taotlusele { $reference } viibib
extension-greeting = Tere, { $name }!
extension-intro = Teie { $received } saabunud taotlusele { $reference } vastamise tähtaega pikendatakse kuni kahe kuu võrra. Uus tähtaeg on { $deadline }.
extension-reasons = Tähtaja pikendamise põhjused:
extension-complaint = Kui leiate, et tähtaja pikendamine ei ole põhjendatud, on teil õigus esitada kaebus järelevalveasutusele (isikuandmete kaitse üldmääruse artikkel 77):

## answer: the answer to a request (completed, partly refused, refused)
answer-subject = Vastus Teie taotlusele { $reference }
answer-greeting = Tere, { $name }!
answer-intro-completed = Siin on vastus Teie taotlusele ({ $kind }; viide { $reference }, saabunud { $received }).
answer-intro-partly = Siin on vastus Teie taotlusele ({ $kind }; viide { $reference }, saabunud { $received }). Osa taotlusest ei olnud võimalik täita; põhjused on toodud allpool.
answer-intro-refused = Me ei saa Teie taotlust ({ $kind }; viide { $reference }, saabunud { $received }) täita. Põhjused:
answer-item = { $field } → „{ $corrected }“: { $outcome }.
answer-recipients = Vastuvõtjaid, kellele andmeid oli edastatud, on teavitatud (isikuandmete kaitse üldmääruse artikkel 19): { $recipients }
answer-recipients-none = Teie andmeid ei olnud kellelegi edastatud, seega ei olnud vastuvõtjaid, keda teavitada (isikuandmete kaitse üldmääruse artikkel 19).
answer-kept = Mida säilitatakse: { $kept }
answer-retention = Miks neid säilitatakse: seadusjärgne säilitamiskohustus, { $duty }
answer-objection = Teie andmeid ei kasutata enam nendel eesmärkidel ega nende kanalite kaudu, millele Te vastuväite esitasite.
answer-enclosed = Teie andmed on selle kirja lisas, välja trükitud nendest failidest:
answer-download = Teie andmed on valmis. Avage allolev link; Teie kaitseks palutakse Teil oma e-posti aadress koodiga uuesti kinnitada. Link kehtib kuni { $until }.
answer-download-no-data = Registris ei ole teie kohta isikuandmeid. Vastus ning teave registri ja teie õiguste kohta on alloleva lingi taga; teie kaitseks palutakse teil oma e-posti aadress koodiga uuesti kinnitada. Link kehtib kuni { $until }.
answer-complaint = Teil on õigus esitada kaebus järelevalveasutusele:
answer-judicial-remedy = Teil on ka õigus pöörduda kohtusse riigis, kus asub vastutava töötleja tegevuskoht, või riigis, kus Te elate (isikuandmete kaitse üldmääruse artikkel 79).
authority-fi = Soome andmekaitsevolinik (Tietosuojavaltuutetun toimisto), PL 800, 00531 Helsinki, Soome; tietosuoja@om.fi; +358 29 566 6700; https://tietosuoja.fi
authority-ee = Andmekaitse Inspektsioon, Tatari 39, 10134 Tallinn; info@aki.ee; https://www.aki.ee
item-outcome-corrected = parandatud
item-outcome-deleted = kustutatud
item-outcome-completed = täiendatud
item-outcome-rejected = jäetud parandamata
erasure-outcome-erased = Teie isikuandmed on kustutatud.
erasure-outcome-anonymised = Teie isikuandmed on muudetud anonüümseks: neid ei saa enam Teiega seostada.
erasure-outcome-partly_refused = Teie isikuandmed on kustutatud, välja arvatud andmed, mida oleme seaduse järgi kohustatud säilitama.
answer-restriction-data = Nende andmete töötlemine on piiratud: { $data }
answer-restriction-until = Piirang kehtib: { $until }
answer-restriction-effect = Piirangu ajal andmeid üksnes säilitatakse; muul viisil töödeldakse neid ainult Teie nõusolekul, õigusnõuete jaoks, teise isiku õiguste kaitsmiseks või olulise avaliku huvi tõttu (üldmääruse artikli 18 lõige 2).
answer-restriction-lifting = Teid teavitatakse enne piirangu kaotamist (üldmääruse artikli 18 lõige 3).
answer-restriction-recipients = Piirangust teavitatud vastuvõtjad (üldmääruse artikkel 19): { $recipients }
answer-general-objection-upheld = Teie vastuväide on rahuldatud ja see töötlemine on lõpetatud: { $processing }
overriding-grounds-compelling_grounds = Töötlemiseks on mõjuv õiguspärane põhjus, mis kaalub üles Teie huvid, õigused ja vabadused (üldmääruse artikli 21 lõige 1).
overriding-grounds-legal_claims = Töötlemine on vajalik õigusnõuete koostamiseks, esitamiseks või kaitsmiseks (üldmääruse artikli 21 lõige 1).
answer-portability = Teie andmed on struktureeritud, üldkasutatavas ja masinloetavas failis (JSON või CSV), mille saate edastada teisele vastutavale töötlejale (üldmääruse artikkel 20).
answer-portability-transmission = Edastamine teisele vastutavale töötlejale: { $transmission }

## download-code: opens an inspection answer's download link
download-code-subject = Teie kood vastuse { $reference } avamiseks
download-code-intro = Sisestage see kood oma vastuse { $reference } allalaadimislehel:
download-code-expires = Kood kehtib kuni { $expires } ({ $zone }).
download-code-ignore = Kui Te ei ole koodi küsinud, jätke see kiri tähelepanuta ja andke sellest teada kontaktisikule.

## reminder: to the assignee or the register's handlers before and after the deadline
reminder-subject = { $reference }: tähtajani { $days } tööpäeva
reminder-intro = Taotlusele { $reference } tuleb vastata hiljemalt { $deadline }: jäänud on { $days } tööpäeva.
overdue-subject = Tähtaeg ületatud: { $reference }
overdue-intro = Taotluse { $reference } tähtaeg on ületatud: tähtaeg oli { $deadline } (tähtajast möödunud päevi: { $days }). Vastake taotlusele viivitamata.
unanswered-subject = Vastamata küsimus: { $reference }
unanswered-intro = Taotleja ei ole vastanud { $since } saadetud küsimusele taotluse { $reference } kohta. Tähtaeg on endiselt peatatud; otsustage, kas taotlus lõpetada (näiteks keelduda, kui isikut ei õnnestunud tuvastada) või oodata kauem, ning märkige otsus üles.

## monthly-report: to the register's contact person on the 1st, the previous month's deadline report (CSV attached)
monthly-report-subject = { $register }: tähtaegade aruanne { $month }
monthly-report-intro = Registri „{ $register }“ tähtaegade aruanne perioodi { $month } kohta on lisatud CSV-failina. Selles on iga taotlus, mis saabus kuu jooksul, mille tähtaeg saabus kuu jooksul, mis lahendati kuu jooksul või mis oli kuu lõpus veel lahendamata, koos selle tähtaja ja teabega selle kohta, kas taotlusele vastati tähtaegselt.
monthly-report-summary = Kokkuvõte
monthly-report-rows = Taotlusi aruandes
monthly-report-received = Kuu jooksul saabunud
monthly-report-on-time = Lahendatud tähtaegselt
monthly-report-late = Lahendatud hilinemisega
monthly-report-open = Lahendamata, tähtaeg ei ole möödunud
monthly-report-overdue = Lahendamata, tähtaeg ületatud
monthly-report-withdrawn = Tagasi võetud
monthly-report-extended = Tähtaega pikendatud
monthly-report-median = Lahendamiseks kulunud päevade mediaan
monthly-report-p90 = Lahendamiseks kulunud päevade 90. protsentiil
monthly-report-by-kind = Taotluse liigi järgi
monthly-report-kind = { $kind }: aruandes { $rows }, lahendatud tähtaegselt { $on_time }, lahendatud hilinemisega { $late }, lahendamata tähtaja piires { $open }, tähtaeg ületatud { $overdue }
monthly-report-definitions = Tähtaegselt tähendab, et taotlusele vastati hiljemalt kehtival tähtpäeval: üks kuu saabumisest pluss päevad, mil tähtaja kulg oli peatatud, või pikendatud tähtaeg, kui tähtaega on pikendatud (keeldumise tähtaeg on alati üks kuu). Lahendamata taotluste ületatud päevad arvestatakse kuu viimase päevani.
monthly-report-open-link = Aruanne, kus iga hilinenud taotlus on märgitud, on ka töötajate lehtedel:
monthly-report-chains = Tervikluse ankrud (hoidke see kiri alles): auditilogi kirje { $seq }, räsi { $audit }; selle registri { $requests } taotluse sündmusahelate kokkuvõte: { $digest }. `dsr-desk audit verify` arvutab need uuesti; hilisem ümberkirjutus nendega enam ei ühti.

# The local time of times shown to people (the register's).
time-zone-fi = Soome aja järgi
time-zone-ee = Eesti aja järgi

# Pre-filled on the staff answer form, in the request's language.
objection-confirmation-default = Teie vastuväide on registreeritud: teie isikuandmeid ei kasutata enam teie nimetatud eesmärkidel.

## password_reset: a staff member's link to set a new password
password-reset-subject = dsr-desk: uus parool kasutajale { $name }
password-reset-greeting = Tere, { $name }!
password-reset-intro = Keegi, loodetavasti Teie, palus dsr-deski töötajakonto jaoks uut parooli. Avage see link, et see valida:
password-reset-expires = Link töötab ühe korra, kuni { $expires } (Soome aja järgi). Uue parooli määramisel logitakse Teid kõikjalt välja.
password-reset-ignore = Kui Te seda ei palunud, jätke see kiri tähelepanuta: Teie parool jääb samaks.
password-reset-footer = Selle kirja saatis dsr-desk automaatselt; vastuseid ei loeta.
answer-erased-in-systems = Meie süsteemides tehti järgmist:
answer-erased-in = { $system }: { $effect }
erasure-effect-erased = kustutatud
erasure-effect-anonymised = anonüümitud

# The confirmation of a withdrawal.
withdrawal-subject = Teie taotlus { $reference } on tagasi võetud
withdrawal-greeting = Tere, { $name }!
withdrawal-intro = Võtsite oma taotluse ({ $kind }, viitenumber { $reference }) tagasi { $withdrawn }.
withdrawal-new-request = Uue taotluse võite esitada igal ajal.
withdrawal-status = Teie taotluse olekuleht:
