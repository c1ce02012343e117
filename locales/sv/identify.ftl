# Stark elektronisk identifiering (OpenID Connect) på de offentliga sidorna.
identify-title = Identifiering
identify-with = Identifiera dig: { $provider }
identify-form-help = I stället för koden per e-post kan du bekräfta begäran genom att identifiera dig elektroniskt (bankkoder, mobilcertifikat eller identitetskort). Bara ditt namn, tillförlitlighetsnivån och ett skyddat fingeravtryck av din personbeteckning sparas.
identify-required = Den här begäran kan bekräftas endast med stark elektronisk identifiering. Öppna länken i e-postmeddelandet och identifiera dig.
identify-required-form = Det här registret kräver stark elektronisk identifiering för den här typen av begäran: skicka formuläret med en "Identifiera dig"-knapp.
identify-not-accepted = Elektronisk identifiering finns inte för den här typen av begäran: skicka formuläret och bekräfta det med koden per e-post.
identify-unknown = Identifieringen är okänd, redan använd eller påbörjad i en annan webbläsare. Ingenting sparades. Börja om från formuläret eller från länken i e-postmeddelandet.
identify-failed-cancelled = Identifieringen avbröts och ingenting sparades. Bekräfta begäran med koden vi skickade per e-post, eller identifiera dig på nytt via länken i e-postmeddelandet.
identify-failed-expired = Identifieringen tog för lång tid och ingenting sparades. Börja om via länken i e-postmeddelandet.
identify-failed-refused = Identifieringen kunde inte kontrolleras och ingenting sparades. Försök på nytt via länken i e-postmeddelandet.
identify-failed-level = Identifieringssättet är inte tillräckligt starkt för den här begäran, och ingenting sparades. Försök på nytt med bankkoder, mobilcertifikat eller identitetskort.
identify-failed-no-identifier = Identifieringstjänsten gav inte din personbeteckning, och ingenting sparades. Försök på nytt eller använd en annan tjänst.
identify-failed-other-person = Du identifierade dig som en annan person än den som gjorde begäran, så svaret förblir stängt. Begär i stället en kod till begärans e-postadress.
identify-failed-unavailable = Identifieringstjänsten kunde inte nås. Försök senare, eller bekräfta med koden per e-post.
identify-download-intro = Eller öppna svaret genom att identifiera dig på nytt, som när du gjorde begäran:
