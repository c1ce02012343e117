# Privaatsusteated: registri oma (GET /r/{register}/privacy) ja teenuse enda (GET /privacy), ning iga
# avaliku lehe jalus.
footer-controller = Vastutav töötleja:
footer-controllers = Vastutavad töötlejad:
footer-register-notice = Registri privaatsusteade
footer-desk-notice = Kuidas see teenus teie taotlust töötleb (privaatsusteade)
form-privacy-link = Lugege registri privaatsusteadet

language-name-fi = soome keel
language-name-sv = rootsi keel
language-name-en = inglise keel
language-name-et = eesti keel

business-id-fi = Soome äriregistri kood (Y-tunnus)
business-id-ee = Registrikood

legal-basis-consent = andmesubjekti nõusolek
legal-basis-contract = andmesubjekti osalusel sõlmitud lepingu täitmine või andmesubjekti taotlusel enne lepingu sõlmimist meetmete võtmine
legal-basis-legal_obligation = vastutava töötleja juriidilise kohustuse täitmine
legal-basis-vital_interests = andmesubjekti või mõne muu füüsilise isiku eluliste huvide kaitse
legal-basis-public_task = avalikes huvides oleva ülesande täitmine või vastutavale töötlejale antud avaliku võimu teostamine
legal-basis-legitimate_interests = vastutava töötleja või kolmanda isiku õigustatud huvi
legal-basis-citation = isikuandmete kaitse üldmääruse artikli 6 lõike 1 punkt { $point }

source-data_subject = andmesubjekt ise (teie)
source-public_sources = avalikud allikad
source-partners = vastutava töötleja koostööpartnerid
source-update_services = ettevõtete ja ametiasutuste andmete ajakohastamise teenused

safeguard-adequacy_decision = Euroopa Komisjoni otsus piisava kaitse taseme kohta (isikuandmete kaitse üldmääruse artikkel 45)
safeguard-standard_contractual_clauses = Euroopa Komisjoni vastu võetud andmekaitse tüüpklauslid (isikuandmete kaitse üldmääruse artikli 46 lõike 2 punkt c)
safeguard-binding_corporate_rules = siduvad kontsernisisesed eeskirjad (isikuandmete kaitse üldmääruse artikli 46 lõike 2 punkt b ja artikkel 47)
safeguard-code_of_conduct = heakskiidetud toimimisjuhend (isikuandmete kaitse üldmääruse artikli 46 lõike 2 punkt e ja artikkel 40)
safeguard-certification = heakskiidetud sertifitseerimismehhanism (isikuandmete kaitse üldmääruse artikli 46 lõike 2 punkt f ja artikkel 42)
safeguard-derogation = erand eriolukorras, näiteks teie selgesõnaline nõusolek või teiega sõlmitud lepingu täitmine (isikuandmete kaitse üldmääruse artikli 49 lõige 1)
safeguard-not_stated = registri kirjelduses ei ole märgitud

notice-title = Privaatsusteade
notice-intro = Selles teates kirjeldatakse, kuidas registris isikuandmeid töödeldakse (isikuandmete kaitse üldmääruse artiklid 13 ja 14). Teade põhineb vastutava töötleja registri kirjeldusel.
notice-translated = Registri kirjelduse originaalkeel on { $language }. Selle tekstid on sellel lehel selle teenuse jaoks tehtud tõlked ja märgitud sõnaga „tõlge“; kahtluse korral kehtib originaaltekst.
notice-fallback = Mõned tekstid ei ole tõlgitud ja neid näidatakse originaalkeeles ({ $language }).
notice-translation-mark = tõlge
notice-untranslated = tõlkimata: originaaltekst, keel: { $language }

notice-controller = Vastutav töötleja
notice-name = Nimi
notice-legal-form = Õiguslik vorm
notice-address = Postiaadress
notice-phone = Telefon
notice-email = E-post
notice-web = Veebileht
notice-contact = Registriküsimuste kontaktisik
notice-contact-page = Kontaktileht
notice-controller-through-desk = Registri kirjelduses ei ole vastutava töötleja kontaktandmeid märgitud. Vastutava töötlejaga saate ühendust võtta selle teenuse kaudu: esitage taotlus siin ja vastake selle kohta saadetud e-kirjadele.
notice-contact-through-desk = Registri kirjelduses ei ole kontaktisiku kontaktandmeid märgitud. Kontaktisikuga saate ühendust võtta selle teenuse kaudu: esitage taotlus siin ja vastake selle kohta saadetud e-kirjadele.
notice-dpo = Andmekaitseametnik

notice-purposes = Töötlemise eesmärgid ja õiguslikud alused
notice-legal-basis = Õiguslik alus
notice-legitimate-interests = Õigustatud huvid
notice-consent-withdrawal = Võite oma nõusoleku igal ajal tagasi võtta; tagasivõtmine ei mõjuta enne seda toimunud töötlemise seaduslikkust.
notice-register-wide = Andmed, nende allikad, vastuvõtjad ja säilitamine

notice-data-categories = Töödeldavad isikuandmed
notice-sources = Kust andmed saadakse
notice-recipients = Vastuvõtjad ja vastuvõtjate kategooriad
notice-recipients-none = Andmeid ei avaldata kellelegi.
notice-transfers = Edastamine väljapoole ELi ja EMPd
notice-transfers-none = Isikuandmeid ei edastata väljapoole Euroopa Liitu ega Euroopa Majanduspiirkonda.
notice-safeguard = Kaitsemeede
notice-retention = Andmete säilitamise aeg
notice-automated = Automatiseeritud otsuste tegemine ja profiilianalüüs
notice-automated-none = Andmesubjekti kohta ei tehta üksnes automatiseeritud töötlusel, sealhulgas profiilianalüüsil põhinevaid otsuseid, millel on tema jaoks õiguslikud tagajärjed või mis mõjutavad teda samamoodi märkimisväärselt (isikuandmete kaitse üldmääruse artikkel 22).
notice-not-stated = Registri kirjelduses seda ei ole märgitud. Võite küsida registriküsimuste kontaktisikult.

notice-rights = Teie õigused
notice-right-access = õigus tutvuda oma isikuandmetega ja saada neist koopia (isikuandmete kaitse üldmääruse artikkel 15)
notice-right-rectification = õigus nõuda ebaõigete andmete parandamist ja mittetäielike andmete täiendamist (artikkel 16)
notice-right-erasure = õigus nõuda andmete kustutamist, kui näiteks juriidiline kohustus ei nõua nende säilitamist (artikkel 17)
notice-right-restriction = õigus töötlemise piiramisele (artikkel 18)
notice-right-object = õigus esitada vastuväiteid õigustatud huvil põhinevale töötlemisele ja igal ajal otseturustusele (artikkel 21)
notice-right-portability = õigus saada enda esitatud andmed masinloetaval kujul, kui töötlemine põhineb nõusolekul või lepingul (artikkel 20)
notice-objection-purposes = Selle teenuse kaudu saate esitada vastuväite oma andmete töötlemisele järgmistel eesmärkidel:
notice-make-request = Esitage selle registri kohta taotlus

notice-complaint = Õigus esitada kaebus
notice-complaint-intro = Kui leiate, et teie isikuandmete töötlemine rikub seadust, on teil õigus esitada kaebus järelevalveasutusele (isikuandmete kaitse üldmääruse artikkel 77), eelkõige liikmesriigis, kus te elate või töötate või kus väidetav rikkumine toimus.
notice-complaint-authority = Selle registri järelevalveasutus:
notice-judicial-remedy = Teil on ka õigus tõhusale õiguskaitsevahendile kohtus (isikuandmete kaitse üldmääruse artikkel 79).

desk-notice-title = Privaatsusteade: andmekaitsetaotluste menetlemine
desk-notice-intro = Selle teenuse kaudu kasutavad kliendid oma andmekaitseõigusi allpool loetletud registrites. Selles teates kirjeldatakse, kuidas taotluse esitaja isikuandmeid töödeldakse (isikuandmete kaitse üldmääruse artikkel 13).
desk-notice-controllers = Vastutav töötleja
desk-notice-controllers-intro = Taotluse vastutav töötleja on selle registri vastutav töötleja, mida taotlus puudutab:
desk-notice-contact = Registriküsimuste kontaktisik: { $name }, { $contact }
desk-notice-contact-desk = Registriküsimuste kontaktisik: { $name }; registri kirjelduses ei ole tema kontaktandmeid, seega saate temaga ühendust võtta selle teenuse kaudu, vastates oma taotluse kohta saadetud e-kirjadele.
desk-notice-purpose = Töötlemise eesmärk
desk-notice-purpose-text = Taotluste vastuvõtmine, kontrollimine, menetlemine ja neile vastamine, kui andmesubjekt kasutab oma õigusi (isikuandmete kaitse üldmääruse artiklid 15–22), ning hiljem tõendamine, et igale taotlusele vastati tähtaegselt.
desk-notice-legal-basis-text = Vastutav töötleja peab hõlbustama andmesubjekti õiguste kasutamist ja vastama taotlustele tähtaegselt (isikuandmete kaitse üldmääruse artikkel 12) ning suutma seda tõendada (artikli 5 lõige 2).
desk-notice-data = Töödeldavad isikuandmed
desk-notice-data-identity = teie nimi, e-posti aadress ning, kui need esitate, telefoninumber ja kliendinumber
desk-notice-data-postal = kui esitate taotluse kirja teel, telefoni teel või kohapeal ilma e-posti aadressita: teie postiaadress, millele vastused saadetakse
desk-notice-data-request = mida te taotlete ja teie vastused menetleja küsimustele
desk-notice-data-verification = teie e-posti aadressi kinnitamine: ühekordsed koodid ja lingid, mida säilitatakse üksnes võtmega räsidena
desk-notice-data-handling = taotluse menetlemine: selle etapid ja kuupäevad, menetleja märkmed ja otsused ning vastus ja teile edastatud failid
desk-notice-data-emails = teile taotluse kohta saadetud e-kirjad ja kirjad
desk-notice-data-network = kuritarvituste vältimiseks teie võrguaadressi (IP-aadressi) võtmega räsi, mitte aadress ise
desk-notice-data-suppression = kui esitate vastuväite otseturustusele: teie e-posti aadress või telefoninumber koos eesmärkide ja kanalitega, millele vastuväide esitati
desk-notice-source = Andmed saadakse teilt endalt või vastutava töötleja töötajatelt, kes registreerivad teie kirja teel, telefoni teel või isiklikult esitatud taotluse.
desk-notice-requirement = Teie e-posti aadressi on vaja selle teenuse kaudu esitatud taotluse kinnitamiseks ja sellele e-posti teel vastamiseks. Ilma e-posti aadressita saate taotluse esitada kirja teel, telefoni teel või kohapeal; sellele vastatakse siis kirjaga teie postiaadressile.
desk-notice-retention-unverified = Taotlus, mida ei kinnitata { $days } päeva jooksul, aegub ja selle isikuandmed kustutatakse.
desk-notice-retention-closed = Lõpetatud taotluse isikuandmeid säilitatakse pärast lõpetamist järgmise aja jooksul ja seejärel need anonümiseeritakse; viitenumber, kuupäevad ja tulemus jäävad alles, et tõendada taotlustele tähtaegselt vastamist:
desk-notice-retention-register = { $register }: { $days } päeva
desk-notice-retention-suppression = Vastuväidet otseturustusele säilitatakse seni, kuni see kehtib, tõendina selle järgimisest.
desk-notice-recipient-staff = vastutava töötleja töötajad, kes menetlevad registriga seotud taotlusi
desk-notice-recipient-mail = e-posti teenus, mis edastab selle teenuse kirju vastutava töötleja nimel
desk-notice-recipient-post = postiteenus, mis toimetab teile saadetud kirjad kätte, kui esitasite taotluse ilma e-posti aadressita
desk-notice-recipient-marketing = kui esitate vastuväite otseturustusele, vastutava töötleja turundussüsteemid, mis kontrollivad, kas olete vastuväite esitanud
desk-notice-automated = Teie kohta ei tehta üksnes automatiseeritud otsuseid: iga taotlust menetleb inimene. Vastuväide otseturustusele jõustub kohe, kui kinnitate oma e-posti aadressi, nagu te taotlesite.
desk-notice-right-erasure = õigus andmete kustutamisele ulatuses, mida ei piira vastutava töötleja kohustus tõendada taotluste menetlemist (isikuandmete kaitse üldmääruse artikli 17 lõike 3 punkt b)
desk-notice-complaint-authorities = Registrite järelevalveasutus:
desk-notice-rights-not-applicable = Kuna töötlemine põhineb seadusest tuleneval kohustusel, ei kehti selle suhtes õigus esitada vastuväiteid ega õigus andmete ülekandmisele.

## The Art 15 information of an inspection answer
art15-title = Teave teie isikuandmete töötlemise kohta (isikuandmete kaitse üldmääruse artikkel 15)
art15-intro = Koos allpool oleva vastusega on see teave, mida teil on õigus saada koos oma andmete koopiaga: miks ja mis alusel andmeid töödeldakse, milliseid andmeid, kellele neid edastatakse, kui kaua neid säilitatakse, kust need pärinevad ja millised on teie õigused.
art15-intro-after = Koos ülaltoodud vastusega on see teave, mida teil on õigus saada koos oma andmete koopiaga: miks ja mis alusel andmeid töödeldakse, milliseid andmeid, kellele neid edastatakse, kui kaua neid säilitatakse, kust need pärinevad ja millised on teie õigused.
art15-no-data = Kontrollisime registrit: selles ei ole teie kohta isikuandmeid. Allpool olev teave kirjeldab siiski registrit ja teie õigused kehtivad.
art15-other-authority = Kuna võite esitada kaebuse ka liikmesriigis, kus elate, on siin ka selle riigi järelevalveasutus:
