# Shared words: request kinds, months, the footer of every email.
kind-inspection = henkilötietojen tarkastus
kind-correction = henkilötietojen oikaisu
kind-objection = suoramarkkinoinnin kielto
kind-erasure = henkilötietojen poistaminen
kind-restriction = henkilötietojen käsittelyn rajoittaminen
kind-general_objection = vastustamisoikeuden käyttäminen
kind-portability = henkilötietojen siirto järjestelmästä toiseen

month-1 = tammikuu
month-2 = helmikuu
month-3 = maaliskuu
month-4 = huhtikuu
month-5 = toukokuu
month-6 = kesäkuu
month-7 = heinäkuu
month-8 = elokuu
month-9 = syyskuu
month-10 = lokakuu
month-11 = marraskuu
month-12 = joulukuu

email-footer-controller = Rekisterinpitäjä: { $controller }
email-footer-contact = Rekisteriasioita hoitava yhteyshenkilö: { $name }, { $contact }
email-footer-automatic = Tämä viesti on lähetetty automaattisesti. Vastaamalla siihen tavoitat yhteyshenkilön.
email-footer-automatic-desk = Tämän viestin lähetti automaattisesti tietosuojapyyntöjen käsittelypalvelu. Tavoitat yhteyshenkilön yllä olevien yhteystietojen kautta.
email-footer-contact-desk = Rekisteriasioita hoitava yhteyshenkilö: { $name }. Rekisteriselosteessa ei ole muita yhteystietoja: tavoitat yhteyshenkilön tämän palvelun kautta vastaamalla tähän viestiin.
email-footer-automatic-reply-desk = Tämän viestin lähetti automaattisesti tietosuojapyyntöjen käsittelypalvelu; vastauksesi menee palvelun omaan osoitteeseen.
letter-footer-contact = Rekisteriasioita hoitava yhteyshenkilö: { $name }. Rekisteriselosteessa ei ole muita yhteystietoja.
email-footer-privacy = Rekisterin tietosuojaseloste:

purpose-direct_advertising = suoramainonta
purpose-distance_selling = etämyynti
purpose-other_direct_marketing = muu suoramarkkinointi
purpose-market_research = markkinatutkimus
purpose-opinion_polls = mielipidetutkimus
purpose-person_directories = henkilömatrikkeli
purpose-genealogy = sukututkimus

channel-email = sähköposti
channel-sms = tekstiviesti
channel-phone = puhelin
channel-post = posti

# The grounds of a restriction (GDPR Art 18(1)(a)–(d)), as the receipt states them.
restriction-ground-accuracy_contested = kiistät tietojesi paikkansapitävyyden (rajoitus kestää ajan, jonka kuluessa rekisterinpitäjä voi varmistaa niiden paikkansapitävyyden)
restriction-ground-unlawful_processing = käsittely on lainvastaista, ja vastustat tietojen poistamista ja vaadit sen sijaan niiden käytön rajoittamista
restriction-ground-legal_claims = rekisterinpitäjä ei enää tarvitse tietoja, mutta tarvitset niitä oikeudellisen vaateen laatimiseksi, esittämiseksi tai puolustamiseksi
restriction-ground-objection_pending = olet vastustanut käsittelyä 21 artiklan 1 kohdan nojalla, ja odotetaan sen todentamista, syrjäyttävätkö rekisterinpitäjän oikeutetut perusteet sinun perusteesi
