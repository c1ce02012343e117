## staff-notice: to the assignee, or to the contact person of an unassigned request (no personal data)
staff-notice-answered-subject = { $reference }: pyytäjä on vastannut kysymykseesi
staff-notice-answered-intro = Pyytäjä on vastannut pyyntöä { $reference } ({ $kind }) koskevaan kysymykseen. Keskeytys on päättynyt, ja määräaika kulkee taas.
staff-notice-withdrawn-subject = { $reference }: pyytäjä on peruuttanut pyynnön
staff-notice-withdrawn-intro = Pyytäjä on peruuttanut pyynnön { $reference } ({ $kind }). Pyyntö on suljettu, eikä vastausta tarvitse lähettää.
staff-notice-assigned-subject = { $reference } on osoitettu sinulle
staff-notice-assigned-intro = { $by } on osoittanut pyynnön { $reference } ({ $kind }) sinulle.
staff-notice-open = Avaa pyyntö:

## The request page: answering while a question is open
staff-rq-close-question-complete = Pyytäjä ei ole vielä vastannut kysymykseen: sulje kysymys vastaamattomana ja lähetä vastaus
staff-rq-close-question-refuse = Pyytäjä ei ole vielä vastannut kysymykseen: sulje kysymys vastaamattomana ja hylkää pyyntö
staff-rq-closed-unanswered-on = suljettu vastaamattomana { $date }
