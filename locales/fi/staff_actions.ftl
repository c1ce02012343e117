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

## Confirming an account action (disable, reset password, reset second factor)
staff-confirm-disable-heading = Poistetaanko käyttäjätili { $email } käytöstä?
staff-confirm-disable-consequence = Käyttäjän istunnot päättyvät heti, eikä hän voi enää kirjautua. Hänelle osoitetut pyynnöt pysyvät hänellä, kunnes joku muu ottaa ne. Voit ottaa tilin myöhemmin uudelleen käyttöön.
staff-confirm-disable-button = Poista tili käytöstä
staff-confirm-reset-password-heading = Nollataanko käyttäjän { $email } salasana?
staff-confirm-reset-password-consequence = Nykyinen salasana lakkaa toimimasta ja käyttäjän istunnot päättyvät heti. Saat kertakäyttöisen salasanan annettavaksi hänelle; hänen on vaihdettava se seuraavalla kirjautumisella.
staff-confirm-reset-password-button = Nollaa salasana
staff-confirm-reset-second-factor-heading = Poistetaanko käyttäjän { $email } toinen tunnistustekijä?
staff-confirm-reset-second-factor-consequence = Todennussovellus ja varakoodit lakkaavat toimimasta ja käyttäjän istunnot päättyvät heti. Hän kirjautuu salasanallaan ja ottaa käyttöön uuden toisen tunnistustekijän.
staff-confirm-reset-second-factor-button = Poista toinen tunnistustekijä
staff-confirm-cancel = Peruuta

## The deadline report
staff-report-bom = CSV Exceliä varten (UTF-8 ja BOM-merkki)
staff-report-format-json = JSON

## The request page: a required identity check before the answer, and a refused form
staff-rq-identity-first = Ensin: tarkista pyytäjän henkilöllisyys
staff-rq-identity-first-help = Tämä rekisteri edellyttää muutakin kuin vahvistettua sähköpostiosoitetta ennen kuin henkilötietoja luovutetaan. Kirjaa, miten tarkistit pyytäjän henkilöllisyyden; vastauksen voi lähettää, kun tarkistus on kirjattu.
staff-rq-files-again = Valitsemiasi tiedostoja ei säilytetty: valitse ne uudelleen ennen lähettämistä.
staff-event-identity-register-setting = (rekisterin asetus edellyttää tarkistusta ennen tarkastus- tai siirtopyynnön vastausta; tietosuoja-asetuksen 12 artiklan 6 kohta)
