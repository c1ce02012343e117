# Email messages. Each message has a subject and body paragraphs; arguments are in { $braces }.

## verification: the requester confirms their email address (link + code)
verification-subject = Bekräfta din begäran { $reference }
verification-reference = Referens: { $reference }
verification-greeting = Hej { $name },
verification-intro = Vi har tagit emot din begäran om { $kind } som gäller registret ”{ $register }”. Innan begäran behandlas ber vi dig bekräfta att den här e-postadressen är din.
verification-link = Öppna den här länken för att bekräfta:
verification-code = Eller ange den här koden på bekräftelsesidan:
verification-expires = Länken och koden gäller till { $expires } (UTC).
verification-ignore = Om du inte har gjort den här begäran kan du lämna meddelandet utan åtgärd: ingenting behandlas och begäran raderas efter 7 dagar.
