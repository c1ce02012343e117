# Shared words: request kinds, months, the footer of every email.
kind-inspection = inspection of personal data
kind-correction = correction of personal data
kind-objection = objection to direct marketing
kind-erasure = erasure of personal data
kind-restriction = restriction of processing
kind-general_objection = objection to processing on grounds relating to your particular situation
kind-portability = data portability

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

email-footer-controller = Controller: { $controller }
email-footer-contact = Contact person for register matters: { $name }, { $contact }
email-footer-automatic = This message was sent automatically; you can reply to it to reach the contact person.
email-footer-automatic-desk = This message was sent automatically by the data-protection desk; to reach the contact person, use the contact details above.
email-footer-contact-desk = Contact person for register matters: { $name }. The register description gives no other contact details: reach the contact person through this service by replying to this message.
email-footer-automatic-reply-desk = This message was sent automatically by the data-protection desk; a reply to it goes to the desk's own address.
letter-footer-contact = Contact person for register matters: { $name }. The register description gives no other contact details.
email-footer-privacy = Privacy notice of the register:

purpose-direct_advertising = direct advertising
purpose-distance_selling = distance selling
purpose-other_direct_marketing = other direct marketing
purpose-market_research = market research
purpose-opinion_polls = opinion polls
purpose-person_directories = person directories
purpose-genealogy = genealogical research

channel-email = email
channel-sms = text message
channel-phone = telephone
channel-post = post

# The grounds of a restriction (GDPR Art 18(1)(a)–(d)), as the receipt states them.
restriction-ground-accuracy_contested = you contest the accuracy of your data (restricted for the time the controller needs to verify it)
restriction-ground-unlawful_processing = the processing is unlawful, and you oppose erasure and ask for the use of the data to be restricted instead
restriction-ground-legal_claims = the controller no longer needs the data, but you need them for the establishment, exercise or defence of legal claims
restriction-ground-objection_pending = you have objected to the processing under Art 21(1), pending the verification whether the controller's legitimate grounds override yours
