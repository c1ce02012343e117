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

## receipt: sent to the requester once the email address is confirmed
receipt-subject = Vi har tagit emot din begäran { $reference }
receipt-greeting = Hej { $name },
receipt-intro = Din begäran om { $kind } som gäller registret ”{ $register }” har registrerats med referensen { $reference }. Den togs emot den { $received }.
receipt-deadline = Den personuppgiftsansvarige ska svara senast den { $deadline }. Om begäran är komplicerad kan tiden förlängas en gång, till senast den { $extended }; du får då veta varför.
receipt-asked = Det här bad du om:
receipt-scope = Din beskrivning: { $scope }
receipt-scope-none = Din begäran gäller alla uppgifter som finns om dig.
receipt-item = { $field }: ”{ $current }” → ”{ $corrected }”
receipt-objection-effect = Ditt förbud trädde i kraft när du bekräftade din e-postadress: dina uppgifter används inte längre för { $purposes } via { $channels }.
receipt-status = Här kan du följa din begäran och återkalla den:
receipt-next = Så går det vidare: kontaktpersonen behandlar din begäran och skickar svaret till den här adressen. Om det behövs mer information för att bekräfta din identitet eller förtydliga begäran blir du tillfrågad; tiden tills du svarar räknas inte in i tidsfristen.

## new-request: sent to the register's contact person (no personal data in the message)
new-request-subject = Ny begäran { $reference }: { $kind }
new-request-intro = En ny begäran som gäller registret ”{ $register }” har bekräftats.
new-request-reference = Referens: { $reference }
new-request-received = Mottagen: { $received }
new-request-deadline = Tidsfrist: { $deadline }
new-request-open = Öppna begäran i ärendekön:
