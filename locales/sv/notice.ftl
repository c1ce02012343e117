# Dataskyddsbeskrivningarna: registrets (GET /r/{register}/privacy) och tjänstens egen (GET /privacy),
# samt sidfoten på varje offentlig sida.
footer-controller = Personuppgiftsansvarig:
footer-controllers = Personuppgiftsansvariga:
footer-register-notice = Registrets dataskyddsbeskrivning
footer-desk-notice = Hur den här tjänsten behandlar din begäran (dataskyddsbeskrivning)
form-privacy-link = Läs registrets dataskyddsbeskrivning

language-name-fi = finska
language-name-sv = svenska
language-name-en = engelska
language-name-et = estniska

business-id-fi = FO-nummer (Y-tunnus)
business-id-ee = Registerkod (registrikood)

legal-basis-consent = den registrerades samtycke
legal-basis-contract = fullgörande av ett avtal i vilket den registrerade är part, eller åtgärder på begäran av den registrerade innan ett sådant avtal ingås
legal-basis-legal_obligation = fullgörande av en rättslig förpliktelse som åvilar den personuppgiftsansvarige
legal-basis-vital_interests = skydd av grundläggande intressen för den registrerade eller för en annan fysisk person
legal-basis-public_task = utförande av en uppgift av allmänt intresse eller som ett led i den personuppgiftsansvariges myndighetsutövning
legal-basis-legitimate_interests = berättigade intressen hos den personuppgiftsansvarige eller en tredje part
legal-basis-citation = artikel 6.1 { $point } i dataskyddsförordningen

source-data_subject = den registrerade själv (du)
source-public_sources = offentliga källor
source-partners = den personuppgiftsansvariges samarbetspartner
source-update_services = uppdateringstjänster från företag och myndigheter

safeguard-adequacy_decision = ett beslut av Europeiska kommissionen om adekvat skyddsnivå (artikel 45 i dataskyddsförordningen)
safeguard-standard_contractual_clauses = standardiserade dataskyddsbestämmelser som antagits av Europeiska kommissionen (artikel 46.2 c i dataskyddsförordningen)
safeguard-binding_corporate_rules = bindande företagsbestämmelser (artiklarna 46.2 b och 47 i dataskyddsförordningen)
safeguard-code_of_conduct = en godkänd uppförandekod (artiklarna 46.2 e och 40 i dataskyddsförordningen)
safeguard-certification = en godkänd certifieringsmekanism (artiklarna 46.2 f och 42 i dataskyddsförordningen)
safeguard-derogation = ett undantag i en särskild situation, till exempel ditt uttryckliga samtycke eller fullgörandet av ett avtal med dig (artikel 49.1 i dataskyddsförordningen)
safeguard-not_stated = anges inte i registerbeskrivningen

notice-title = Dataskyddsbeskrivning
notice-intro = Den här beskrivningen berättar hur personuppgifterna i registret behandlas (artiklarna 13 och 14 i dataskyddsförordningen). Den bygger på den personuppgiftsansvariges registerbeskrivning.
notice-translated = Registerbeskrivningens originalspråk är { $language }. Dess texter på den här sidan är översättningar som gjorts för den här tjänsten och är märkta ”översättning”; vid tveksamhet gäller originaltexten.
notice-fallback = Vissa texter har inte översatts och visas på originalspråket ({ $language }).
notice-translation-mark = översättning
notice-untranslated = inte översatt: originaltext på { $language }

notice-controller = Personuppgiftsansvarig
notice-name = Namn
notice-legal-form = Bolagsform
notice-address = Postadress
notice-phone = Telefon
notice-email = E-post
notice-web = Webbplats
notice-contact = Kontaktperson i registerärenden
notice-contact-page = Kontaktsida
notice-controller-through-desk = Registerbeskrivningen anger inga kontaktuppgifter för den personuppgiftsansvarige. Du når den personuppgiftsansvarige via den här tjänsten: gör din begäran här och svara på e-postmeddelandena om den.
notice-contact-through-desk = Registerbeskrivningen anger inga kontaktuppgifter för kontaktpersonen. Du når kontaktpersonen via den här tjänsten: gör din begäran här och svara på e-postmeddelandena om den.
notice-dpo = Dataskyddsombud

notice-purposes = Ändamålen med behandlingen och deras rättsliga grund
notice-legal-basis = Rättslig grund
notice-legitimate-interests = Berättigade intressen
notice-consent-withdrawal = Du kan när som helst återkalla ditt samtycke; återkallelsen påverkar inte lagligheten av behandlingen innan dess.
notice-register-wide = Uppgifterna, deras källor, mottagare och lagring

notice-data-categories = Personuppgifter som behandlas
notice-sources = Varifrån uppgifterna kommer
notice-recipients = Mottagare och kategorier av mottagare
notice-recipients-none = Uppgifterna lämnas inte ut till någon.
notice-transfers = Överföringar utanför EU och EES
notice-transfers-none = Inga personuppgifter överförs utanför Europeiska unionen eller Europeiska ekonomiska samarbetsområdet.
notice-safeguard = Skyddsåtgärd
notice-retention = Hur länge uppgifterna bevaras
notice-automated = Automatiserat beslutsfattande och profilering
notice-automated-none = Inga beslut som enbart grundas på automatiserad behandling, inbegripet profilering, och som har rättsliga följder för dig eller på liknande sätt i betydande grad påverkar dig fattas (artikel 22 i dataskyddsförordningen).
notice-not-stated = Registerbeskrivningen anger inte detta. Du kan fråga kontaktpersonen i registerärenden.

notice-rights = Dina rättigheter
notice-right-access = rätt till tillgång till personuppgifter som gäller dig och till en kopia av dem (artikel 15 i dataskyddsförordningen)
notice-right-rectification = rätt att få felaktiga uppgifter rättade och ofullständiga uppgifter kompletterade (artikel 16)
notice-right-erasure = rätt till radering, om inte till exempel en rättslig förpliktelse kräver att uppgifterna bevaras (artikel 17)
notice-right-restriction = rätt till begränsning av behandling (artikel 18)
notice-right-object = rätt att invända mot behandling som grundar sig på berättigade intressen, och när som helst mot direktmarknadsföring (artikel 21)
notice-right-portability = rätt att få ut de uppgifter du själv lämnat i ett maskinläsbart format, när behandlingen grundar sig på samtycke eller avtal (artikel 20)
notice-objection-purposes = Via den här tjänsten kan du förbjuda behandling av dina uppgifter för:
notice-make-request = Gör en begäran som gäller det här registret

notice-complaint = Rätt att lämna klagomål
notice-complaint-intro = Om du anser att behandlingen av dina personuppgifter strider mot lagen har du rätt att lämna klagomål till en tillsynsmyndighet (artikel 77 i dataskyddsförordningen), särskilt i den medlemsstat där du bor eller arbetar eller där den påstådda överträdelsen begicks.
notice-complaint-authority = Tillsynsmyndighet för det här registret:
notice-judicial-remedy = Du har också rätt till ett effektivt rättsmedel inför domstol (artikel 79 i dataskyddsförordningen).

desk-notice-title = Dataskyddsbeskrivning: behandling av begäranden i dataskyddsärenden
desk-notice-intro = Via den här tjänsten utövar kunder sina dataskyddsrättigheter i registren nedan. Den här beskrivningen berättar hur personuppgifterna om den som gör en begäran behandlas (artikel 13 i dataskyddsförordningen).
desk-notice-controllers = Personuppgiftsansvarig
desk-notice-controllers-intro = Personuppgiftsansvarig för en begäran är den personuppgiftsansvarige för det register som begäran gäller:
desk-notice-contact = Kontaktperson i registerärenden: { $name }, { $contact }
desk-notice-contact-desk = Kontaktperson i registerärenden: { $name }; registerbeskrivningen anger inga kontaktuppgifter, så du når kontaktpersonen via den här tjänsten genom att svara på e-postmeddelandena om din begäran.
desk-notice-purpose = Ändamålet med behandlingen
desk-notice-purpose-text = Att ta emot, verifiera, handlägga och besvara begäranden genom vilka registrerade utövar sina rättigheter (artiklarna 15–22 i dataskyddsförordningen), och att i efterhand kunna visa att varje begäran besvarades inom tidsfristen.
desk-notice-legal-basis-text = Den personuppgiftsansvarige ska underlätta utövandet av den registrerades rättigheter och besvara begäranden inom tidsfristerna (artikel 12 i dataskyddsförordningen) samt kunna visa detta (artikel 5.2).
desk-notice-data = Personuppgifter som behandlas
desk-notice-data-identity = ditt namn, din e-postadress och, om du uppger dem, ditt telefonnummer och kundnummer
desk-notice-data-postal = om du gör din begäran per brev, telefon eller besök utan e-postadress: din postadress, dit svaren skickas
desk-notice-data-request = vad du begär och dina svar på handläggarens frågor
desk-notice-data-verification = bekräftelsen av din e-postadress: engångskoder och länkar, som sparas endast som nyckelbaserade hashvärden
desk-notice-data-handling = handläggningen av begäran: dess skeden och datum, handläggarens anteckningar och beslut samt svaret och de filer som lämnats till dig
desk-notice-data-emails = de e-postmeddelanden och brev som skickats till dig om begäran
desk-notice-data-network = för att förhindra missbruk ett nyckelbaserat hashvärde av din nätverksadress (IP-adress), inte själva adressen
desk-notice-data-suppression = om du förbjuder direktmarknadsföring: din e-postadress eller ditt telefonnummer med de ändamål och kanaler du förbjudit
desk-notice-source = Uppgifterna fås av dig själv, eller av den personuppgiftsansvariges personal som registrerar en begäran som du gjort per brev, telefon eller personligen.
desk-notice-requirement = Din e-postadress behövs för att bekräfta en begäran som görs via den här tjänsten och för att besvara den per e-post. Utan e-postadress kan du göra din begäran per brev, per telefon eller genom ett besök; den besvaras då med brev till din postadress.
desk-notice-retention-unverified = En begäran som inte bekräftas inom { $days } dagar förfaller, och dess personuppgifter raderas.
desk-notice-retention-closed = Personuppgifterna i en avslutad begäran bevaras under följande tid efter avslutandet och anonymiseras sedan; referensnumret, datumen och utfallet finns kvar för att visa att begäranden besvarades i tid:
desk-notice-retention-register = { $register }: { $days } dagar
desk-notice-retention-suppression = Ett förbud mot direktmarknadsföring bevaras så länge det gäller, som bevis på att det följs.
desk-notice-recipient-staff = den personuppgiftsansvariges personal som handlägger begäranden som gäller registret
desk-notice-recipient-mail = den e-posttjänst som levererar den här tjänstens meddelanden för den personuppgiftsansvariges räkning
desk-notice-recipient-post = den posttjänst som delar ut de brev som skickas till dig, om du har gjort din begäran utan e-postadress
desk-notice-recipient-marketing = om du förbjuder direktmarknadsföring, den personuppgiftsansvariges marknadsföringssystem, som kontrollerar om du har förbjudit den
desk-notice-automated = Inga beslut som gäller dig fattas enbart automatiskt: en människa handlägger varje begäran. Ett förbud mot direktmarknadsföring träder i kraft så snart du bekräftar din e-postadress, som du begärt.
desk-notice-right-erasure = rätt till radering, inom gränserna för den personuppgiftsansvariges skyldighet att visa hur begäranden har handlagts (artikel 17.3 b i dataskyddsförordningen)
desk-notice-complaint-authorities = Registrens tillsynsmyndighet:
desk-notice-rights-not-applicable = Eftersom behandlingen krävs enligt lag gäller rätten att göra invändningar och rätten till dataportabilitet inte den.

## The Art 15 information of an inspection answer
art15-title = Information om behandlingen av dina uppgifter (artikel 15 i dataskyddsförordningen)
art15-intro = Tillsammans med svaret nedan är detta den information du har rätt till tillsammans med en kopia av dina uppgifter: varför och på vilken grund uppgifterna behandlas, vilka uppgifter, vem som tar emot dem, hur länge de sparas, varifrån de kommer och dina rättigheter.
art15-intro-after = Tillsammans med svaret ovan är detta den information du har rätt till tillsammans med en kopia av dina uppgifter: varför och på vilken grund uppgifterna behandlas, vilka uppgifter, vem som tar emot dem, hur länge de sparas, varifrån de kommer och dina rättigheter.
art15-no-data = Vi har kontrollerat registret: det innehåller inga personuppgifter om dig. Informationen nedan beskriver ändå registret, och dina rättigheter gäller.
art15-other-authority = Eftersom du också kan lämna in klagomål i den medlemsstat där du bor, anges här även det landets tillsynsmyndighet:
