## staff-notice: to the assignee, or to the contact person of an unassigned request (no personal data)
staff-notice-answered-subject = { $reference }: taotleja vastas teie küsimusele
staff-notice-answered-intro = Taotleja vastas taotluse { $reference } ({ $kind }) kohta esitatud küsimusele. Peatumine on lõppenud ja tähtaeg kulgeb uuesti.
staff-notice-withdrawn-subject = { $reference }: taotleja võttis taotluse tagasi
staff-notice-withdrawn-intro = Taotleja võttis taotluse { $reference } ({ $kind }) tagasi. Taotlus on suletud; vastust ei ole vaja saata.
staff-notice-assigned-subject = { $reference } määrati teile
staff-notice-assigned-intro = { $by } määras taotluse { $reference } ({ $kind }) teile.
staff-notice-open = Avage taotlus:

## The request page: answering while a question is open
staff-rq-close-question-complete = Taotleja ei ole küsimusele veel vastanud: sulgege küsimus vastuseta ja saatke vastus
staff-rq-close-question-refuse = Taotleja ei ole küsimusele veel vastanud: sulgege küsimus vastuseta ja keelduge taotlusest
staff-rq-closed-unanswered-on = suletud vastuseta { $date }
