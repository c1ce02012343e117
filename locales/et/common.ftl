# Shared words: request kinds, months, the footer of every email.
kind-inspection = isikuandmetega tutvumine
kind-correction = isikuandmete parandamine
kind-objection = vastuväide otseturustusele
kind-erasure = isikuandmete kustutamine
kind-restriction = isikuandmete töötlemise piiramine
kind-general_objection = vastuväite esitamise õiguse kasutamine
kind-portability = isikuandmete ülekandmine

month-1 = jaanuar
month-2 = veebruar
month-3 = märts
month-4 = aprill
month-5 = mai
month-6 = juuni
month-7 = juuli
month-8 = august
month-9 = september
month-10 = oktoober
month-11 = november
month-12 = detsember

email-footer-controller = Vastutav töötleja: { $controller }
email-footer-contact = Registriküsimuste kontaktisik: { $name }, { $contact }
email-footer-automatic = See kiri on saadetud automaatselt. Kontaktisikuga ühenduse võtmiseks võite sellele kirjale vastata.
email-footer-automatic-desk = Selle kirja saatis automaatselt andmekaitsetaotluste menetlemise teenus. Kontaktisikuga saate ühendust võtta ülaltoodud kontaktandmete kaudu.
email-footer-contact-desk = Registriküsimuste kontaktisik: { $name }. Registri kirjelduses muid kontaktandmeid ei ole: kontaktisikuga saate ühendust võtta selle teenuse kaudu, vastates sellele kirjale.
email-footer-automatic-reply-desk = Selle kirja saatis automaatselt andmekaitsetaotluste menetlemise teenus; Teie vastus jõuab teenuse enda aadressile.
letter-footer-contact = Registriküsimuste kontaktisik: { $name }. Registri kirjelduses muid kontaktandmeid ei ole.
email-footer-privacy = Registri privaatsusteade:

purpose-direct_advertising = otsereklaam
purpose-distance_selling = kaugmüük
purpose-other_direct_marketing = muu otseturustus
purpose-market_research = turu-uuring
purpose-opinion_polls = arvamusküsitlus
purpose-person_directories = isikukataloog
purpose-genealogy = sugupuu-uurimine

channel-email = e-post
channel-sms = SMS
channel-phone = telefon
channel-post = post

# The grounds of a restriction (GDPR Art 18(1)(a)–(d)), as the receipt states them.
restriction-ground-accuracy_contested = Te vaidlustate oma isikuandmete õigsuse (piirang kehtib ajavahemikul, mis võimaldab vastutaval töötlejal andmete õigsust kontrollida)
restriction-ground-unlawful_processing = isikuandmete töötlemine on ebaseaduslik, kuid Te ei taotle andmete kustutamist, vaid taotlete selle asemel nende kasutamise piiramist
restriction-ground-legal_claims = vastutav töötleja ei vaja andmeid enam, kuid need on Teile vajalikud õigusnõuete koostamiseks, esitamiseks või kaitsmiseks
restriction-ground-objection_pending = olete esitanud artikli 21 lõike 1 kohaselt töötlemise suhtes vastuväite ja kontrollitakse, kas vastutava töötleja õiguspärased põhjused kaaluvad üles Teie põhjused
