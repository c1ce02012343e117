# Email messages. Each message has a subject and body paragraphs; arguments are in { $braces }.

## verification: the requester confirms their email address (link + code)
verification-subject = Bekräfta din begäran { $reference }
verification-reference = Referens: { $reference }
verification-greeting = Hej { $name },
verification-intro = Vi har tagit emot din begäran om { $kind } som gäller registret ”{ $register }”. Din begäran handläggs inte förrän du har bekräftat att den här e-postadressen är din.
verification-link = Öppna den här länken för att bekräfta:
verification-code = Eller ange den här koden på bekräftelsesidan:
verification-expires = Länken och koden gäller till { $expires } ({ $zone }).
verification-ignore = Om du inte har gjort den här begäran kan du bortse från meddelandet: begäran handläggs inte och raderas efter 7 dagar.

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
receipt-restriction-ground = Grund (artikel 18.1 { $point } i dataskyddsförordningen): { $ground }
receipt-explanation = Din förklaring: { $explanation }
receipt-processing = Behandling som du invänder mot: { $processing }
receipt-situation = Dina skäl: { $situation }
receipt-general-objection-effect = Invändningen gäller inte av sig själv: den personuppgiftsansvarige ska upphöra med behandlingen, om den inte kan påvisa tvingande berättigade skäl som väger tyngre än dina intressen, rättigheter och friheter, eller att behandlingen behövs för att fastställa, göra gällande eller försvara rättsliga anspråk (artikel 21.1 i dataskyddsförordningen). Svaret talar om vilket som gäller.
receipt-portability-scope-none = Din begäran gäller alla personuppgifter som du har lämnat till den personuppgiftsansvarige.
receipt-format = Önskat filformat: { $format }
receipt-format-any = Filformat: JSON eller CSV, enligt vad den personuppgiftsansvarige kan leverera.
receipt-receiving-controller = Uppgifterna överförs direkt, om det är tekniskt möjligt, till: { $controller }
receipt-status = Här kan du följa din begäran och återkalla den:
receipt-next = Så går det vidare: kontaktpersonen behandlar din begäran och skickar svaret till den här adressen. Om det behövs mer information för att bekräfta din identitet eller förtydliga begäran blir du tillfrågad; tiden tills du svarar räknas inte in i tidsfristen.

## new-request: sent to the register's contact person (no personal data in the message)
new-request-subject = Ny begäran { $reference }: { $kind }
new-request-intro = En ny begäran som gäller registret ”{ $register }” har bekräftats.
new-request-reference = Referens: { $reference }
new-request-received = Mottagen: { $received }
new-request-deadline = Tidsfrist: { $deadline }
new-request-open = Öppna begäran i ärendekön:

## clarification: the handler asks the requester for identity information or a clarification
clarification-subject = Vi behöver uppgifter för din begäran { $reference }
clarification-greeting = Hej { $name },
clarification-intro-identity = För att kunna besvara din begäran { $reference } som gäller registret ”{ $register }” måste vi försäkra oss om att den kommer från dig. Skicka oss följande:
clarification-intro-clarification = För att kunna besvara din begäran { $reference } som gäller registret ”{ $register }” behöver vi att du preciserar den. Vår fråga:
clarification-how = Svara på det här meddelandet eller på statussidan för din begäran (länken finns i mottagningsbekräftelsen som vi skickade till dig).
clarification-answer-here = Svara på statussidan för din begäran (eller svara på det här meddelandet):
clarification-clock = Tiden tills ditt svar kommer fram räknas inte in i tidsfristen för att besvara din begäran.

## extension: the deadline is extended once, with reasons (GDPR Art 12(3))
extension-subject = Svaret på din begäran { $reference } dröjer
extension-greeting = Hej { $name },
extension-intro = Tiden för att besvara din begäran { $reference }, som togs emot den { $received }, förlängs med högst två månader. Den nya tidsfristen är den { $deadline }.
extension-reasons = Skälen till förlängningen:
extension-complaint = Om du anser att förlängningen är obefogad har du rätt att lämna in ett klagomål till tillsynsmyndigheten (artikel 77 i dataskyddsförordningen):

## answer: the answer to a request (completed, partly refused, refused)
answer-subject = Svar på din begäran { $reference }
answer-greeting = Hej { $name },
answer-intro-completed = Här är svaret på din begäran om { $kind } (referens { $reference }, mottagen den { $received }).
answer-intro-partly = Här är svaret på din begäran om { $kind } (referens { $reference }, mottagen den { $received }). En del av begäran kunde inte genomföras; skälen anges nedan.
answer-intro-refused = Vi kan inte tillmötesgå din begäran om { $kind } (referens { $reference }, mottagen den { $received }). Skälen:
answer-item = { $field } → ”{ $corrected }”: { $outcome }.
answer-recipients = De mottagare som uppgifterna hade lämnats ut till har underrättats (artikel 19 i dataskyddsförordningen): { $recipients }
answer-recipients-none = Dina uppgifter hade inte lämnats ut till någon, så det fanns inga mottagare att underrätta (artikel 19 i dataskyddsförordningen).
answer-kept = Vad som sparas: { $kept }
answer-retention = Varför det sparas: en lagstadgad skyldighet att bevara, { $duty }
answer-objection = Dina uppgifter används inte längre för de ändamål och via de kanaler som du har förbjudit.
answer-enclosed = Dina uppgifter bifogas detta brev, utskrivna från dessa filer:
answer-download = Dina uppgifter är klara. Öppna länken nedan; för din säkerhet blir du ombedd att bekräfta din e-postadress på nytt med en kod. Länken fungerar till { $until }.
answer-download-no-data = Registret innehåller inga personuppgifter om dig. Svaret och informationen om registret och dina rättigheter finns bakom länken nedan; för din säkerhet blir du ombedd att bekräfta din e-postadress på nytt med en kod. Länken fungerar till { $until }.
answer-complaint = Du har rätt att lämna in ett klagomål till tillsynsmyndigheten:
answer-judicial-remedy = Du har också rätt att föra talan vid domstol i det land där den personuppgiftsansvarige är etablerad eller där du bor (artikel 79 i dataskyddsförordningen).
authority-fi = Dataombudsmannens byrå, PB 800, 00531 Helsingfors; tietosuoja@om.fi; 029 566 6700; https://tietosuoja.fi
authority-ee = Estlands dataskyddsinspektion (Andmekaitse Inspektsioon), Tatari 39, 10134 Tallinn, Estland; info@aki.ee; https://www.aki.ee
item-outcome-corrected = rättad
item-outcome-deleted = raderad
item-outcome-completed = kompletterad
item-outcome-rejected = inte rättad
erasure-outcome-erased = Dina personuppgifter har raderats.
erasure-outcome-anonymised = Dina personuppgifter har anonymiserats: de kan inte längre kopplas till dig.
erasure-outcome-partly_refused = Dina personuppgifter har raderats, med undantag för de uppgifter som vi enligt lag måste spara.
answer-restriction-data = Behandlingen av dessa uppgifter har begränsats: { $data }
answer-restriction-until = Begränsningen gäller: { $until }
answer-restriction-effect = Under begränsningen får uppgifterna endast lagras; i övrigt behandlas de bara med ditt samtycke, för rättsliga anspråk, för att skydda en annan persons rättigheter eller av skäl som rör ett viktigt allmänt intresse (artikel 18.2 i dataskyddsförordningen).
answer-restriction-lifting = Du underrättas innan begränsningen upphävs (artikel 18.3 i dataskyddsförordningen).
answer-restriction-recipients = Mottagare som har underrättats om begränsningen (artikel 19 i dataskyddsförordningen): { $recipients }
answer-general-objection-upheld = Din invändning har godtagits, och denna behandling har upphört: { $processing }
overriding-grounds-compelling_grounds = Det finns tvingande berättigade skäl för behandlingen som väger tyngre än dina intressen, rättigheter och friheter (artikel 21.1 i dataskyddsförordningen).
overriding-grounds-legal_claims = Behandlingen behövs för att fastställa, göra gällande eller försvara rättsliga anspråk (artikel 21.1 i dataskyddsförordningen).
answer-portability = Dina uppgifter finns i en strukturerad, allmänt använd och maskinläsbar fil (JSON eller CSV) som du kan överföra till en annan personuppgiftsansvarig (artikel 20 i dataskyddsförordningen).
answer-portability-transmission = Överföring till en annan personuppgiftsansvarig: { $transmission }

## download-code: opens an inspection answer's download link
download-code-subject = Din kod för att öppna svaret { $reference }
download-code-intro = Ange den här koden på nedladdningssidan för ditt svar { $reference }:
download-code-expires = Koden gäller till { $expires } ({ $zone }).
download-code-ignore = Om du inte har bett om någon kod kan du bortse från det här meddelandet, men meddela kontaktpersonen.

## reminder: to the assignee or the register's handlers before and after the deadline
reminder-subject = { $reference }: { $days } arbetsdagar till tidsfristen
reminder-intro = Begäran { $reference } ska besvaras senast den { $deadline }: { $days } arbetsdagar kvar.
overdue-subject = Försenad: { $reference }
overdue-intro = Begäran { $reference } är försenad: tidsfristen gick ut den { $deadline } (antal dagar sedan dess: { $days }). Besvara den utan dröjsmål.
unanswered-subject = Obesvarad fråga: { $reference }
unanswered-intro = Den registrerade har inte besvarat frågan som skickades den { $since } om begäran { $reference }. Tidsfristen är fortfarande vilande; bestäm om begäran ska avslutas (till exempel avslås om identiteten inte kunde bekräftas) eller om ni väntar längre, och registrera beslutet.

## monthly-report: to the register's contact person on the 1st, the previous month's deadline report (CSV attached)
monthly-report-subject = { $register }: rapport om tidsfrister för { $month }
monthly-report-intro = Rapporten om tidsfrister för registret ”{ $register }” för { $month } bifogas som en CSV-fil. Den tar upp varje begäran som togs emot under månaden, vars tidsfrist gick ut under månaden, som avslutades under månaden eller som fortfarande var öppen vid månadens slut, med dess tidsfrist och om den besvarades i tid.
monthly-report-summary = Sammanfattning
monthly-report-rows = Begäranden i rapporten
monthly-report-received = Mottagna under månaden
monthly-report-on-time = Avslutade i tid
monthly-report-late = Avslutade för sent
monthly-report-open = Öppna inom tidsfristen
monthly-report-overdue = Öppna och försenade
monthly-report-withdrawn = Återkallade
monthly-report-extended = Tidsfristen förlängd
monthly-report-median = Median av antalet dagar till avslut
monthly-report-p90 = 90:e percentilen av antalet dagar till avslut
monthly-report-by-kind = Efter typ av begäran
monthly-report-kind = { $kind }: { $rows } i rapporten, { $on_time } avslutade i tid, { $late } avslutade för sent, { $open } öppna inom tidsfristen, { $overdue } försenade
monthly-report-definitions = I tid betyder att begäran besvarades senast den tidsfrist som gäller: en månad från mottagandet plus de dagar då tidsfristen var avbruten, eller den förlängda tidsfristen när den har förlängts (ett avslag ska alltid ges inom en månad). Dagar efter tidsfristen för öppna begäranden räknas till månadens sista dag.
monthly-report-open-link = Rapporten, där varje försenad begäran är markerad, finns också på personalens sidor:
monthly-report-chains = Integritetsankare (spara detta meddelande): revisionsloggens post { $seq }, hash { $audit }; sammandrag av de { $requests } begärandenas händelsekedjor i detta register: { $digest }. `dsr-desk audit verify` räknar om dem; en senare omskrivning stämmer inte längre med dessa värden.

# The local time of times shown to people (the register's).
time-zone-fi = finsk tid
time-zone-ee = estnisk tid

# Pre-filled on the staff answer form, in the request's language.
objection-confirmation-default = Din invändning har registrerats: dina personuppgifter används inte längre för de ändamål du angav.

## password_reset: a staff member's link to set a new password
password-reset-subject = dsr-desk: nytt lösenord för { $name }
password-reset-greeting = Hej { $name },
password-reset-intro = Någon, förhoppningsvis du, har bett om ett nytt lösenord för ditt personalkonto i dsr-desk. Öppna länken för att välja ett:
password-reset-expires = Länken fungerar en gång, till { $expires } (finsk tid). När du väljer ett nytt lösenord loggas du ut överallt.
password-reset-ignore = Om du inte har bett om detta kan du bortse från meddelandet: ditt lösenord förblir oförändrat.
password-reset-footer = Meddelandet skickades automatiskt av dsr-desk; svar läses inte.
answer-erased-in-systems = Detta gjordes i våra system:
answer-erased-in = { $system }: { $effect }
erasure-effect-erased = raderade
erasure-effect-anonymised = anonymiserade

# The confirmation of a withdrawal.
withdrawal-subject = Din begäran { $reference } har återkallats
withdrawal-greeting = Hej { $name },
withdrawal-intro = Du återkallade din begäran ({ $kind }, referens { $reference }) den { $withdrawn }.
withdrawal-new-request = Du kan när som helst göra en ny begäran.
withdrawal-status = Statussidan för din begäran:
