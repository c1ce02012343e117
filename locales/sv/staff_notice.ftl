## staff-notice: to the assignee, or to the contact person of an unassigned request (no personal data)
staff-notice-answered-subject = { $reference }: den registrerade har svarat på din fråga
staff-notice-answered-intro = Den registrerade har svarat på frågan om begäran { $reference } ({ $kind }). Uppehållet har upphört och tidsfristen löper igen.
staff-notice-withdrawn-subject = { $reference }: den registrerade har återkallat begäran
staff-notice-withdrawn-intro = Den registrerade har återkallat begäran { $reference } ({ $kind }). Den är avslutad; inget svar behöver skickas.
staff-notice-assigned-subject = { $reference } har tilldelats dig
staff-notice-assigned-intro = { $by } har tilldelat dig begäran { $reference } ({ $kind }).
staff-notice-open = Öppna begäran:

## The request page: answering while a question is open
staff-rq-close-question-complete = Den registrerade har ännu inte svarat på frågan: stäng den obesvarad och skicka svaret
staff-rq-close-question-refuse = Den registrerade har ännu inte svarat på frågan: stäng den obesvarad och avslå begäran
staff-rq-closed-unanswered-on = stängd obesvarad { $date }
