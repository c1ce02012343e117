## staff-notice: to the assignee, or to the contact person of an unassigned request (no personal data)
staff-notice-answered-subject = { $reference }: the requester has answered your question
staff-notice-answered-intro = The requester has answered the question on request { $reference } ({ $kind }). The pause has ended and the deadline runs again.
staff-notice-withdrawn-subject = { $reference }: the requester has withdrawn the request
staff-notice-withdrawn-intro = The requester has withdrawn request { $reference } ({ $kind }). It is closed; nothing more needs to be sent.
staff-notice-assigned-subject = { $reference } has been assigned to you
staff-notice-assigned-intro = { $by } has assigned request { $reference } ({ $kind }) to you.
staff-notice-open = Open the request:

## The request page: answering while a question is open
staff-rq-close-question-complete = The requester has not answered the question yet: close it unanswered and send the answer
staff-rq-close-question-refuse = The requester has not answered the question yet: close it unanswered and refuse
staff-rq-closed-unanswered-on = closed unanswered on { $date }

## Confirming an account action (disable, reset password, reset second factor)
staff-confirm-disable-heading = Disable { $email }?
staff-confirm-disable-consequence = Their sessions end at once and they can no longer sign in. Their requests stay assigned to them until someone else claims them. You can enable the account again later.
staff-confirm-disable-button = Disable the account
staff-confirm-reset-password-heading = Reset the password of { $email }?
staff-confirm-reset-password-consequence = Their password stops working and their sessions end at once. You are shown a one-time password to give them; they must replace it at their next sign-in.
staff-confirm-reset-password-button = Reset the password
staff-confirm-reset-second-factor-heading = Remove the second factor of { $email }?
staff-confirm-reset-second-factor-consequence = Their authenticator app and recovery codes stop working and their sessions end at once. They sign in with their password and add a new second factor.
staff-confirm-reset-second-factor-button = Remove the second factor
staff-confirm-cancel = Cancel

## The deadline report
staff-report-bom = CSV for Excel (UTF-8 with byte-order mark)
staff-report-format-json = JSON

## The request page: a required identity check before the answer, and a refused form
staff-rq-identity-first = First: check the requester's identity
staff-rq-identity-first-help = This register requires more than a confirmed email address before personal data are disclosed. Record how you checked who is asking; the answer can be sent once it is recorded.
staff-rq-files-again = The files you chose were not kept: choose them again before sending.
staff-event-identity-register-setting = (the register's setting requires a check before an inspection or portability answer; GDPR Art 12(6))
