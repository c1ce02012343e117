# Public pages: the landing page, the request form, verification and the status page.

site-title = Data protection requests
language-switch = Language
landing-intro = Choose the customer register your request concerns.
landing-controller = Controller: { $controller }

form-title = Request concerning your personal data
form-intro = Here you can exercise your rights over the register "{ $register }" kept by { $controller }.
form-data-held = The register holds
form-retention = Retention
form-required-note = Fields marked * are required.
form-errors-title = Please correct the following:
form-kind-legend = What do you want to do? *
form-kind-inspection = See the data held about me (inspection)
form-kind-correction = Correct, delete or complete my data (correction)
form-kind-objection = Forbid direct marketing (objection)
form-kind-erasure = Erase or anonymise my data (erasure)
form-inspection-legend = Inspection
form-inspection-scope = Which data do you want to see? Leave empty for all data.
form-correction-legend = Correction
form-correction-help = One row per item. Leave unused rows empty.
form-correction-item = Item { $number }
form-item-field = Which information (e.g. address)
form-item-current = Current value
form-item-corrected = Correct value
form-item-reason = Reason (optional)
form-objection-legend = Objection to direct marketing
form-objection-purposes = I forbid the use of my data for *
form-objection-channels = Over these channels (none selected = all)
form-erasure-legend = Erasure
form-erasure-scope = What should be erased? Leave empty for all data that need not be kept by law.
form-requester-legend = Your details
form-name = Name *
form-email = Email address *
form-email-help = We send a confirmation link and code to this address. Nothing is processed before you confirm.
form-phone = Telephone (optional)
form-customer-number = Customer number (optional)
form-submit = Send request

sent-title = Check your email
sent-body = If the details were in order, we have sent a confirmation link and a six-digit code to the address you gave. Open the link or enter the code below. The link and the code are valid for 24 hours.
verify-title = Confirm your request
verify-reference = Reference (in the email)
verify-code = Six-digit code
verify-submit = Confirm
verify-link-body = Confirm that this email address is yours to send your request to the controller.
verify-link-submit = Confirm my request
resend-title = Did not get a code?
resend-body = Enter the reference and your email address to get a new code. Earlier codes then stop working.
resend-submit = Send a new code
resend-done = If the reference and address match an unconfirmed request and fewer than five codes were sent in the last 24 hours, a new code is on its way.
verified-title = Thank you: your request is confirmed
verified-body = Your request { $reference } has been sent to the controller. The receipt is on its way to your email.
verified-status = Follow your request here (keep this link private):
already-verified = This request was already confirmed. The receipt email has a link to follow it.
verify-wrong = The code is not correct. Attempts left: { $left }.
verify-locked = Too many wrong codes: this code no longer works. Ask for a new code below.
verify-expired = The link or code has expired. Ask for a new code below.
verify-not-found = The link or code is not valid. It may have been used already or replaced by a newer one.

status-title = Your request { $reference }
status-state = State
status-received = Received
status-deadline = Answer due by
status-deadline-paused = Paused since { $since } while we wait for your answer. If you answer today, the answer is due by { $due }; each day of waiting moves it by a day.
status-timeline = What has happened
status-withdraw = Withdraw my request
status-withdraw-help = Withdrawing ends the handling of your request. An objection is then lifted as well.
status-withdrawn = Your request has been withdrawn.
status-not-found = This link is not valid.

state-awaiting_verification = waiting for email confirmation
state-received = received
state-in_progress = being handled
state-awaiting_requester = waiting for information from you
state-completed = answered
state-refused = refused
state-withdrawn = withdrawn
state-expired = expired

event-submitted = Request submitted
event-verified = Email address confirmed; request received
event-suppression_recorded = Objection in effect
event-requester_asked = You were asked for more information
event-requester_answered = Your answer was received
event-deadline_extended = The deadline was extended
event-completed = Answered
event-refused = Refused
event-withdrawn = Withdrawn
event-suppression_lifted = Objection lifted

error-required = This field is required.
error-too-long = At most { $max } characters.
error-invalid-email = Enter a valid email address, e.g. name@example.fi.
error-invalid-phone = Enter a valid telephone number, e.g. +358 50 123 4567.
error-unknown-kind = Choose what you want to do.
error-unknown-language = Unknown language.
error-unknown-purpose = Unknown purpose "{ $value }".
error-purpose-not-offered = This register does not offer the purpose "{ $value }".
error-unknown-channel = Unknown channel "{ $value }".
error-no-purpose = Choose at least one purpose.
error-no-items = Fill in at least one item to correct.
error-too-many-items = At most { $max } items.
error-nothing-to-correct = The correct value is the same as the current one.
error-too-many-requests = Too many attempts. Please wait a moment and try again.

## status page: the handler's question and the requester's answer
status-question = The contact person asked you
status-answer-label = Your answer
status-answer-send = Send answer
status-answer-received = Thank you: your answer was received and the handling of your request continues.
status-answer-invalid = Please write your answer (at most 20,000 characters).
status-answer-not-awaited = Your request is not waiting for an answer.
event-answer_opened = You opened the answer
event-attachment_downloaded = You downloaded a file of the answer

## download: the answer to an inspection request
download-heading = Your answer
download-title = Your answer { $reference }
download-intro = For your protection, confirm that this is you: we send a one-time code to the email address you used for the request.
download-send-code = Send me a code
download-code-sent = A code was sent to your email address. Enter it below.
download-code-label = Code
download-open = Open the answer
download-wrong = The code is not correct. Attempts left: { $left }.
download-new-code = This code no longer works. Ask for a new one.
download-too-many = Too many codes were asked for today. Please try again tomorrow.
download-expired = This link has expired and the files were deleted. Contact the register's contact person to receive your answer again.
download-not-found = This link is not valid.
download-message = Message
download-files = Files
download-files-expire = The file links work for one hour; after that, open the link in the email again.

## error pages: what went wrong, and the way back
error-back = Back to the previous page
error-front-page = Back to the front page
error-queue = Back to the request queue
error-title-400 = The request could not be read
error-body-400 = The browser sent something this service cannot read. Go back and try again.
error-title-403 = The form has expired
error-body-403 = The form has expired or did not come from this site. Go back, reload the page and send it again.
error-title-404 = Page not found
error-body-404 = There is no such page, or the link is no longer valid.
error-title-409 = Not possible now
error-body-409 = This cannot be done in the request's current state. Its page shows what can be done.
error-title-410 = No longer available
error-body-410 = This link has expired.
error-title-413 = Too large
error-body-413 = What was sent is larger than this service accepts.
error-title-422 = Please check the information
error-body-422 = Some information was missing or not valid:
error-title-429 = Too many attempts
error-body-429 = Too many attempts were made from your connection. Please wait a while and try again.
error-title-500 = Something went wrong
error-body-500 = The request could not be handled because of an error on our side. Please try again later.
error-title-503 = Temporarily unavailable
error-body-503 = The service is temporarily unavailable. Please try again in a moment.
