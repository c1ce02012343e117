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

## Confirming an account action (disable, reset password, reset second factor)
staff-confirm-disable-heading = Inaktivera { $email }?
staff-confirm-disable-consequence = Användarens sessioner avslutas genast och hen kan inte längre logga in. Begäranden som tilldelats hen förblir tilldelade tills någon annan tar dem. Du kan aktivera kontot igen senare.
staff-confirm-disable-button = Inaktivera kontot
staff-confirm-reset-password-heading = Återställa lösenordet för { $email }?
staff-confirm-reset-password-consequence = Det nuvarande lösenordet slutar fungera och användarens sessioner avslutas genast. Du får ett engångslösenord att ge hen; hen måste byta det vid nästa inloggning.
staff-confirm-reset-password-button = Återställ lösenordet
staff-confirm-reset-second-factor-heading = Ta bort den andra faktorn för { $email }?
staff-confirm-reset-second-factor-consequence = Autentiseringsappen och reservkoderna slutar fungera och användarens sessioner avslutas genast. Hen loggar in med sitt lösenord och lägger till en ny andra faktor.
staff-confirm-reset-second-factor-button = Ta bort den andra faktorn
staff-confirm-cancel = Avbryt

## The deadline report
staff-report-bom = CSV för Excel (UTF-8 med byte order mark)
staff-report-format-json = JSON

## The request page: a required identity check before the answer, and a refused form
staff-rq-identity-first = Först: kontrollera den registrerades identitet
staff-rq-identity-first-help = Detta register kräver mer än en bekräftad e-postadress innan personuppgifter lämnas ut. Anteckna hur du kontrollerade vem som frågar; svaret kan skickas när kontrollen är antecknad.
staff-rq-files-again = Filerna du valde sparades inte: välj dem på nytt innan du skickar.
staff-event-identity-register-setting = (registrets inställning kräver en kontroll före ett svar om tillgång eller dataportabilitet; dataskyddsförordningen artikel 12.6)
