# Email messages. Each message has a subject and body paragraphs; arguments are in { $braces }.

## verification: the requester confirms their email address (link + code)
verification-subject = Confirm your request { $reference }
verification-reference = Reference: { $reference }
verification-greeting = Hello { $name },
verification-intro = we received your request for { $kind } concerning the register "{ $register }". Your request will not be handled until you confirm that this email address is yours.
verification-link = Open this link to confirm:
verification-code = Or enter this code on the confirmation page:
verification-expires = The link and the code are valid until { $expires } ({ $zone }).
verification-ignore = If you did not make this request, ignore this message: the request will not be handled, and it is deleted after 7 days.

## receipt: sent to the requester once the email address is confirmed
receipt-subject = We received your request { $reference }
receipt-greeting = Hello { $name },
receipt-intro = your request for { $kind } concerning the register "{ $register }" is registered under the reference { $reference }. It was received on { $received }.
receipt-deadline = The controller must answer by { $deadline } at the latest. For a complex request the time may be extended once, to { $extended } at the latest; you would then be told why.
receipt-asked = What you asked for:
receipt-scope = Your description: { $scope }
receipt-scope-none = You asked for all data held about you.
receipt-item = { $field }: "{ $current }" → "{ $corrected }"
receipt-objection-effect = Your objection took effect when you confirmed your email address. Your data is no longer used for: { $purposes }. Channels: { $channels }.
receipt-restriction-ground = Ground (GDPR Art 18(1)({ $point })): { $ground }
receipt-explanation = Your explanation: { $explanation }
receipt-processing = Processing you object to: { $processing }
receipt-situation = Your grounds: { $situation }
receipt-general-objection-effect = Your objection does not take effect by itself: the controller must stop the processing unless it demonstrates compelling legitimate grounds that override your interests, rights and freedoms, or needs it for the establishment, exercise or defence of legal claims (GDPR Art 21(1)). The answer tells you which.
receipt-portability-scope-none = You asked for all the personal data you have provided to the controller.
receipt-format = Preferred format: { $format }
receipt-format-any = Format: JSON or CSV, as the controller can provide.
receipt-receiving-controller = To be transmitted directly, where technically feasible, to: { $controller }
receipt-status = You can follow your request and withdraw it here:
receipt-next = What happens next: the contact person handles your request and sends the answer to this address. If more information is needed to confirm your identity or to clarify the request, you will be asked; the time until you answer does not count towards the deadline.

## new-request: sent to the register's contact person (no personal data in the message)
new-request-subject = New request { $reference }: { $kind }
new-request-intro = A new request has been confirmed for the register "{ $register }".
new-request-reference = Reference: { $reference }
new-request-received = Received: { $received }
new-request-deadline = Deadline: { $deadline }
new-request-open = Open it in the request queue:

## clarification: the handler asks the requester for identity information or a clarification
clarification-subject = Information needed for your request { $reference }
clarification-greeting = Hello { $name },
clarification-intro-identity = to answer your request { $reference } concerning the register "{ $register }" we need to be sure that it comes from you. Please send us the following:
clarification-intro-clarification = to answer your request { $reference } concerning the register "{ $register }" we need you to specify it. Our question:
clarification-how = Answer by replying to this message, or on the status page of your request (the link is in the confirmation we sent you).
clarification-answer-here = Answer on the status page of your request (or reply to this message):
clarification-clock = The time until your answer arrives does not count towards the deadline for answering your request.

## extension: the deadline is extended once, with reasons (GDPR Art 12(3))
extension-subject = The answer to your request { $reference } will take longer
extension-greeting = Hello { $name },
extension-intro = the time for answering your request { $reference }, received on { $received }, is extended by up to two months. The new deadline is { $deadline }.
extension-reasons = Reasons for the extension:
extension-complaint = If you consider the extension unjustified, you have the right to lodge a complaint with the supervisory authority (GDPR Article 77):

## answer: the answer to a request (completed, partly refused, refused)
answer-subject = Answer to your request { $reference }
answer-greeting = Hello { $name },
answer-intro-completed = here is the answer to your request for { $kind } (reference { $reference }, received on { $received }).
answer-intro-partly = here is the answer to your request for { $kind } (reference { $reference }, received on { $received }). Part of the request could not be carried out; the reasons are given below.
answer-intro-refused = we cannot carry out your request for { $kind } (reference { $reference }, received on { $received }). The reasons:
answer-item = { $field } → "{ $corrected }": { $outcome }.
answer-recipients = Recipients to whom the data had been disclosed have been informed (GDPR Article 19): { $recipients }
answer-recipients-none = Your data had not been disclosed to anyone, so there were no recipients to inform (GDPR Article 19).
answer-kept = What is kept: { $kept }
answer-retention = Why it is kept: a legal retention duty, { $duty }
answer-objection = Your data is no longer used for the purposes and channels you objected to.
answer-enclosed = Your data is enclosed with this letter, printed from these files:
answer-download = Your data is ready. Open the link below; for your protection you will be asked to confirm your email address again with a code. The link works until { $until }.
answer-download-no-data = We found no personal data about you in the register. The answer, with the information about the register and your rights, is behind the link below; for your protection you will be asked to confirm your email address again with a code. The link works until { $until }.
answer-complaint = You have the right to lodge a complaint with the supervisory authority:
answer-judicial-remedy = You also have the right to seek a judicial remedy before the courts where the controller is established or where you live (GDPR Art 79).
authority-fi = Data Protection Ombudsman (Tietosuojavaltuutetun toimisto), PO Box 800, 00531 Helsinki, Finland; tietosuoja@om.fi; +358 29 566 6700; https://tietosuoja.fi
authority-ee = Estonian Data Protection Inspectorate (Andmekaitse Inspektsioon), Tatari 39, 10134 Tallinn, Estonia; info@aki.ee; https://www.aki.ee
item-outcome-corrected = corrected
item-outcome-deleted = deleted
item-outcome-completed = completed
item-outcome-rejected = not corrected
erasure-outcome-erased = Your personal data has been erased.
erasure-outcome-anonymised = Your personal data has been anonymised: it can no longer be linked to you.
erasure-outcome-partly_refused = Your personal data has been erased except for the data that the law requires us to keep.
answer-restriction-data = Processing of these data is restricted: { $data }
answer-restriction-until = The restriction lasts: { $until }
answer-restriction-effect = While the restriction lasts, the data are only stored; they are otherwise processed only with your consent, for legal claims, to protect the rights of another person, or for reasons of important public interest (GDPR Art 18(2)).
answer-restriction-lifting = You will be told before the restriction is lifted (GDPR Art 18(3)).
answer-restriction-recipients = Recipients informed of the restriction (GDPR Art 19): { $recipients }
answer-general-objection-upheld = Your objection is upheld, and this processing has stopped: { $processing }
overriding-grounds-compelling_grounds = The controller has compelling legitimate grounds for the processing which override your interests, rights and freedoms (GDPR Art 21(1)).
overriding-grounds-legal_claims = The processing is needed for the establishment, exercise or defence of legal claims (GDPR Art 21(1)).
answer-portability = Your data are in a structured, commonly used and machine-readable file (JSON or CSV) that you may pass on to another controller (GDPR Art 20).
answer-portability-transmission = Transmission to another controller: { $transmission }

## download-code: opens an inspection answer's download link
download-code-subject = Your code to open the answer { $reference }
download-code-intro = Enter this code on the download page of your answer { $reference }:
download-code-expires = The code is valid until { $expires } ({ $zone }).
download-code-ignore = If you did not ask for a code, ignore this message and tell the contact person.

## reminder: to the assignee or the register's handlers before and after the deadline
reminder-subject = { $reference }: { $days } working days to the deadline
reminder-intro = The request { $reference } must be answered by { $deadline }: { $days } working days left.
overdue-subject = Overdue: { $reference }
overdue-intro = The request { $reference } is overdue: its deadline was { $deadline } ({ $days } days ago). Answer it without delay.
unanswered-subject = Unanswered question: { $reference }
unanswered-intro = The requester has not answered the question sent on { $since } about request { $reference }. The deadline stays paused; decide whether to close the request (for example refuse it if the identity could not be confirmed) or to wait longer, and record the decision.

## monthly-report: to the register's contact person on the 1st, the previous month's deadline report (CSV attached)
monthly-report-subject = { $register }: deadline report for { $month }
monthly-report-intro = The deadline report of the register "{ $register }" for { $month } is attached as a CSV file. It lists every request received in the month, due in it, closed in it, or still open at its end, with its deadline and whether it was answered in time.
monthly-report-summary = Summary
monthly-report-rows = Requests in the report
monthly-report-received = Received in the month
monthly-report-on-time = Closed on time
monthly-report-late = Closed late
monthly-report-open = Open within the deadline
monthly-report-overdue = Open and overdue
monthly-report-withdrawn = Withdrawn
monthly-report-extended = Deadline extended
monthly-report-median = Median days to close
monthly-report-p90 = 90th percentile of days to close
monthly-report-by-kind = By kind of request
monthly-report-kind = { $kind }: { $rows } in the report, { $on_time } closed on time, { $late } closed late, { $open } open within the deadline, { $overdue } overdue
monthly-report-definitions = On time means answered on or before the deadline in force: one month from receipt plus the days the clock was paused, or the extended deadline once extended (a refusal is always due within one month). Days overdue of open requests are counted to the month's last day.
monthly-report-open-link = The report, with a mark on every late and overdue request, is also in the staff pages:
monthly-report-chains = Integrity anchors (keep this email): audit log record { $seq }, hash { $audit }; digest of the { $requests } request timelines of this register: { $digest }. `dsr-desk audit verify` recomputes them; a later rewrite no longer matches these values.

# The local time of times shown to people (the register's).
time-zone-fi = Finnish time
time-zone-ee = Estonian time

# Pre-filled on the staff answer form, in the request's language.
objection-confirmation-default = Your objection has been recorded: your personal data are no longer used for the purposes you named.

## password_reset: a staff member's link to set a new password
password-reset-subject = dsr-desk: a new password for { $name }
password-reset-greeting = Hello { $name },
password-reset-intro = Someone, hopefully you, asked to set a new password for your dsr-desk staff account. Open this link to choose one:
password-reset-expires = The link works once, until { $expires } (Finnish time). Setting a new password signs you out everywhere.
password-reset-ignore = If you did not ask for this, ignore this message: your password stays as it is.
password-reset-footer = This message was sent automatically by dsr-desk; replies are not read.
answer-erased-in-systems = What was done in our systems:
answer-erased-in = { $system }: { $effect }
erasure-effect-erased = erased
erasure-effect-anonymised = anonymised

# The confirmation of a withdrawal.
withdrawal-subject = Your request { $reference } has been withdrawn
withdrawal-greeting = Hello { $name },
withdrawal-intro = You withdrew your request ({ $kind }, reference { $reference }) on { $withdrawn }.
withdrawal-new-request = You can make a new request at any time.
withdrawal-status = The status page of your request:
