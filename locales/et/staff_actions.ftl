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

## Confirming an account action (disable, reset password, reset second factor)
staff-confirm-disable-heading = Kas keelata konto { $email }?
staff-confirm-disable-consequence = Kasutaja seansid lõpevad kohe ja ta ei saa enam sisse logida. Talle määratud taotlused jäävad temale, kuni keegi teine need võtab. Konto saab hiljem uuesti lubada.
staff-confirm-disable-button = Keela konto
staff-confirm-reset-password-heading = Kas lähtestada konto { $email } parool?
staff-confirm-reset-password-consequence = Praegune parool lakkab töötamast ja kasutaja seansid lõpevad kohe. Teile näidatakse ühekordset parooli, mille annate talle; ta peab selle järgmisel sisselogimisel vahetama.
staff-confirm-reset-password-button = Lähtesta parool
staff-confirm-reset-second-factor-heading = Kas eemaldada konto { $email } teine tegur?
staff-confirm-reset-second-factor-consequence = Autentimisrakendus ja varukoodid lakkavad töötamast ja kasutaja seansid lõpevad kohe. Ta logib sisse oma parooliga ja lisab uue teise teguri.
staff-confirm-reset-second-factor-button = Eemalda teine tegur
staff-confirm-cancel = Loobu

## The deadline report
staff-report-bom = CSV Exceli jaoks (UTF-8 koos BOM-märgiga)
staff-report-format-json = JSON

## The request page: a required identity check before the answer, and a refused form
staff-rq-identity-first = Kõigepealt: kontrollige taotleja isikut
staff-rq-identity-first-help = See register nõuab enne isikuandmete avaldamist enamat kui kinnitatud e-posti aadressi. Märkige, kuidas te taotleja isikut kontrollisite; vastuse saab saata, kui kontroll on märgitud.
staff-rq-files-again = Valitud faile ei säilitatud: valige need enne saatmist uuesti.
staff-event-identity-register-setting = (registri seade nõuab kontrolli enne andmetega tutvumise või ülekandmise vastust; isikuandmete kaitse üldmääruse artikli 12 lõige 6)
