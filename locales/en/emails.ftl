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
