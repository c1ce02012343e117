# Email messages. Each message has a subject and body paragraphs; arguments are in { $braces }.

## verification: the requester confirms their email address (link + code)
verification-subject = Confirm your request { $reference }
verification-reference = Reference: { $reference }
verification-greeting = Hello { $name },
verification-intro = we received your request for { $kind } concerning the register "{ $register }". Before it is processed, please confirm that this email address is yours.
verification-link = Open this link to confirm:
verification-code = Or enter this code on the confirmation page:
verification-expires = The link and the code are valid until { $expires } (UTC).
verification-ignore = If you did not make this request, ignore this message: nothing will be processed and the request is deleted after 7 days.

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
receipt-status = You can follow your request and withdraw it here:
receipt-next = What happens next: the contact person handles your request and sends the answer to this address. If more information is needed to confirm your identity or to clarify the request, you will be asked; the time until you answer does not count towards the deadline.

## new-request: sent to the register's contact person (no personal data in the message)
new-request-subject = New request { $reference }: { $kind }
new-request-intro = A new request has been confirmed for the register "{ $register }".
new-request-reference = Reference: { $reference }
new-request-received = Received: { $received }
new-request-deadline = Deadline: { $deadline }
new-request-open = Open it in the request queue:
