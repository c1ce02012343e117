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
