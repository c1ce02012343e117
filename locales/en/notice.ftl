# The privacy notices: a register's (GET /r/{register}/privacy) and the desk's own (GET /privacy),
# and the footer of every public page.
footer-controller = Controller:
footer-controllers = Controllers:
footer-register-notice = Privacy notice of the register
footer-desk-notice = How this desk processes your request (privacy notice)
form-privacy-link = Read the register's privacy notice

language-name-fi = Finnish
language-name-sv = Swedish
language-name-en = English
language-name-et = Estonian

business-id-fi = Business ID (Y-tunnus)
business-id-ee = Registry code (registrikood)

legal-basis-consent = the data subject's consent
legal-basis-contract = performance of a contract with the data subject, or steps taken at their request before entering into one
legal-basis-legal_obligation = compliance with a legal obligation of the controller
legal-basis-vital_interests = protection of the vital interests of the data subject or of another natural person
legal-basis-public_task = performance of a task carried out in the public interest or in the exercise of official authority
legal-basis-legitimate_interests = the legitimate interests of the controller or a third party
legal-basis-citation = GDPR Article 6(1)({ $point })

source-data_subject = the data subject (you)
source-public_sources = public sources
source-partners = the controller's partners
source-update_services = update services of companies and authorities

safeguard-adequacy_decision = an adequacy decision of the European Commission (GDPR Article 45)
safeguard-standard_contractual_clauses = standard data protection clauses adopted by the European Commission (GDPR Article 46(2)(c))
safeguard-binding_corporate_rules = binding corporate rules (GDPR Articles 46(2)(b) and 47)
safeguard-code_of_conduct = an approved code of conduct (GDPR Articles 46(2)(e) and 40)
safeguard-certification = an approved certification mechanism (GDPR Articles 46(2)(f) and 42)
safeguard-derogation = a derogation for a specific situation, such as your explicit consent or the performance of a contract with you (GDPR Article 49(1))
safeguard-not_stated = not stated in the register description

notice-title = Privacy notice
notice-intro = This notice tells how personal data are processed in the register (GDPR Articles 13 and 14). It is based on the controller's register description.
notice-translated = The register description was written in { $language }. Its texts on this page are translations made for this service and are marked “translation”; in case of doubt, the original text prevails.
notice-fallback = Some texts have not been translated and are shown in the original language ({ $language }).
notice-translation-mark = translation
notice-untranslated = not translated: original text in { $language }

notice-controller = Controller
notice-name = Name
notice-legal-form = Legal form
notice-address = Postal address
notice-phone = Telephone
notice-email = Email
notice-web = Website
notice-contact = Contact person for register matters
notice-contact-page = Contact page
notice-controller-through-desk = The register description gives no contact details for the controller. Reach it through this service: make your request here and reply to the emails about it.
notice-contact-through-desk = The register description gives no contact details for the contact person. Reach them through this service: make your request here and reply to the emails about it.
notice-dpo = Data protection officer

notice-purposes = Purposes of processing and their legal basis
notice-legal-basis = Legal basis
notice-legitimate-interests = Legitimate interests pursued
notice-consent-withdrawal = You may withdraw your consent at any time; withdrawal does not affect the lawfulness of processing before it.
notice-register-wide = The data, their sources, recipients and storage

notice-data-categories = Personal data processed
notice-sources = Where the data come from
notice-recipients = Recipients and categories of recipients
notice-recipients-none = The data are not disclosed to anyone.
notice-transfers = Transfers outside the EU and the EEA
notice-transfers-none = No personal data are transferred outside the European Union or the European Economic Area.
notice-safeguard = Safeguard
notice-retention = How long the data are kept
notice-automated = Automated decisions and profiling
notice-automated-none = No decisions based solely on automated processing, including profiling, that produce legal effects concerning you or similarly significantly affect you are made (GDPR Article 22).
notice-not-stated = The register description does not state this. You can ask the contact person for register matters.

notice-rights = Your rights
notice-right-access = the right of access to your personal data and to a copy of them (GDPR Article 15)
notice-right-rectification = the right to have inaccurate data rectified and incomplete data completed (Article 16)
notice-right-erasure = the right to have your data erased, unless for example a legal obligation requires keeping them (Article 17)
notice-right-restriction = the right to restriction of processing (Article 18)
notice-right-object = the right to object to processing based on legitimate interests, and at any time to direct marketing (Article 21)
notice-right-portability = the right to receive the data you provided in a machine-readable format, where processing is based on consent or a contract (Article 20)
notice-objection-purposes = Through this service you can forbid processing of your data for:
notice-make-request = Make a request concerning this register

notice-complaint = Right to lodge a complaint
notice-complaint-intro = If you consider that the processing of your personal data infringes the law, you have the right to lodge a complaint with a supervisory authority (GDPR Article 77), in particular in the Member State where you live or work or where the alleged infringement took place.
notice-complaint-authority = The supervisory authority for this register:
notice-judicial-remedy = You also have the right to an effective judicial remedy before a court (GDPR Article 79).

desk-notice-title = Privacy notice: processing of data protection requests
desk-notice-intro = Through this service customers exercise their data protection rights in the registers listed below. This notice tells how the personal data of a person making a request are processed (GDPR Article 13).
desk-notice-controllers = Controller
desk-notice-controllers-intro = The controller of a request is the controller of the register it concerns:
desk-notice-contact = Contact person for register matters: { $name }, { $contact }
desk-notice-contact-desk = Contact person for register matters: { $name }; the register description gives no contact details, so reach them through this service by replying to the emails about your request.
desk-notice-purpose = Purpose of processing
desk-notice-purpose-text = Receiving, verifying, handling and answering requests by which data subjects exercise their rights (GDPR Articles 15–22), and being able to show afterwards that each request was answered within the time limit.
desk-notice-legal-basis-text = The controller must facilitate the exercise of the data subject's rights and answer requests within the time limits (GDPR Article 12), and be able to demonstrate this (Article 5(2)).
desk-notice-data = Personal data processed
desk-notice-data-identity = your name, email address and, if you give them, your telephone number and customer number
desk-notice-data-postal = if you make your request by letter, telephone or visit without an email address: your postal address, to which the answers are sent
desk-notice-data-request = what you ask for, and your answers to the handler's questions
desk-notice-data-verification = the confirmation of your email address: one-time codes and links, stored only as keyed hashes
desk-notice-data-handling = the handling of the request: its stages and dates, the handler's notes and decisions, and the answer with any files delivered to you
desk-notice-data-emails = the emails and letters sent to you about the request
desk-notice-data-network = to prevent misuse, a keyed hash of your network address (IP address), not the address itself
desk-notice-data-suppression = if you object to direct marketing: your email address or telephone number with the purposes and channels you forbade
desk-notice-source = The data come from you, or from the controller's staff who enter a request you made by letter, telephone or in person.
desk-notice-requirement = Your email address is needed to confirm a request made through this service and to answer it by email. Without an email address you can make your request by letter, by telephone or in person; it is then answered by letter to your postal address.
desk-notice-retention-unverified = A request not confirmed within { $days } days expires, and its personal data are deleted.
desk-notice-retention-closed = The personal data of a closed request are kept for the following time after it closes and then anonymised; the reference, dates and outcome remain, to show that requests were answered in time:
desk-notice-retention-register = { $register }: { $days } days
desk-notice-retention-suppression = An objection to direct marketing is kept for as long as it stands, as proof that it is honoured.
desk-notice-recipient-staff = the controller's staff who handle requests concerning the register
desk-notice-recipient-mail = the email service that delivers this service's messages, on the controller's behalf
desk-notice-recipient-post = the postal service that delivers the letters sent to you, if you made your request without an email address
desk-notice-recipient-marketing = if you object to direct marketing, the controller's marketing systems, which check whether you have objected
desk-notice-automated = No decisions based solely on automated processing are made about you: a person handles every request. An objection to direct marketing takes effect as soon as you confirm your email address, as you asked.
desk-notice-right-erasure = the right to erasure, within the limits of the controller's duty to show how requests were handled (GDPR Article 17(3)(b))
desk-notice-complaint-authorities = The supervisory authority of the registers:
desk-notice-rights-not-applicable = As this processing is required by law, the right to object and the right to data portability do not apply to it.

## The Art 15 information of an inspection answer
art15-title = Information about the processing of your data (GDPR Article 15)
art15-intro = Together with the answer below, this is the information you are entitled to with a copy of your data: why and on what basis the data are processed, which data, who receives them, how long they are kept, where they come from, and your rights.
art15-intro-after = Together with the answer above, this is the information you are entitled to with a copy of your data: why and on what basis the data are processed, which data, who receives them, how long they are kept, where they come from, and your rights.
art15-no-data = We checked the register: it holds no personal data about you. The information below describes the register all the same, and your rights remain.
art15-other-authority = As you may also complain in the Member State where you live, here is that country's supervisory authority too:
