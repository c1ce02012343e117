# Shared words: request kinds, months, the footer of every email.
kind-inspection = tillgång till personuppgifter
kind-correction = rättelse av personuppgifter
kind-objection = förbud mot direktmarknadsföring
kind-erasure = radering av personuppgifter
kind-restriction = begränsning av behandling
kind-general_objection = invändning mot behandling enligt rätten att göra invändningar
kind-portability = dataportabilitet

month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

email-footer-controller = Personuppgiftsansvarig: { $controller }
email-footer-contact = Kontaktperson i registerärenden: { $name }, { $contact }
email-footer-automatic = Det här meddelandet har skickats automatiskt. Du når kontaktpersonen genom att svara på det.
email-footer-automatic-desk = Det här meddelandet har skickats automatiskt av tjänsten för dataskyddsärenden. Du når kontaktpersonen via kontaktuppgifterna ovan.
email-footer-contact-desk = Kontaktperson i registerärenden: { $name }. Registerbeskrivningen anger inga andra kontaktuppgifter: du når kontaktpersonen via den här tjänsten genom att svara på det här meddelandet.
email-footer-automatic-reply-desk = Det här meddelandet har skickats automatiskt av tjänsten för dataskyddsärenden; ditt svar går till tjänstens egen adress.
letter-footer-contact = Kontaktperson i registerärenden: { $name }. Registerbeskrivningen anger inga andra kontaktuppgifter.
email-footer-privacy = Registrets dataskyddsbeskrivning:

purpose-direct_advertising = direktreklam
purpose-distance_selling = distansförsäljning
purpose-other_direct_marketing = annan direktmarknadsföring
purpose-market_research = marknadsundersökning
purpose-opinion_polls = opinionsundersökning
purpose-person_directories = personmatrikel
purpose-genealogy = släktforskning

channel-email = e-post
channel-sms = sms
channel-phone = telefon
channel-post = post

# The grounds of a restriction (GDPR Art 18(1)(a)–(d)), as the receipt states them.
restriction-ground-accuracy_contested = du bestrider att uppgifterna är korrekta (begränsningen gäller under den tid som den personuppgiftsansvarige behöver för att kontrollera dem)
restriction-ground-unlawful_processing = behandlingen är olaglig, och du motsätter dig att uppgifterna raderas och begär i stället att deras användning begränsas
restriction-ground-legal_claims = den personuppgiftsansvarige behöver inte längre uppgifterna, men du behöver dem för att kunna fastställa, göra gällande eller försvara rättsliga anspråk
restriction-ground-objection_pending = du har invänt mot behandlingen enligt artikel 21.1, i väntan på kontroll av om den personuppgiftsansvariges berättigade skäl väger tyngre än dina
