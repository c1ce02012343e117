# Email messages. Each message has a subject and body paragraphs; arguments are in { $braces }.

## verification: the requester confirms their email address (link + code)
verification-subject = Vahvista pyyntösi { $reference }
verification-reference = Viite: { $reference }
verification-greeting = Hei { $name },
verification-intro = Olemme vastaanottaneet rekisteriä ”{ $register }” koskevan pyyntösi: { $kind }. Pyyntöäsi ei käsitellä ennen kuin vahvistat, että tämä sähköpostiosoite on sinun.
verification-link = Vahvista avaamalla tämä linkki:
verification-code = Tai syötä tämä koodi vahvistussivulle:
verification-expires = Linkki ja koodi ovat voimassa { $expires } ({ $zone }) asti.
verification-ignore = Jos et tehnyt tätä pyyntöä, voit jättää tämän viestin huomiotta: pyyntöä ei käsitellä, ja se poistetaan 7 päivän kuluttua.

## receipt: sent to the requester once the email address is confirmed
receipt-subject = Olemme vastaanottaneet pyyntösi { $reference }
receipt-greeting = Hei { $name },
receipt-intro = Rekisteriä ”{ $register }” koskeva pyyntösi ({ $kind }) on kirjattu viitteellä { $reference }. Pyyntö vastaanotettiin { $received }.
receipt-deadline = Rekisterinpitäjän on vastattava viimeistään { $deadline }. Jos pyyntö on monimutkainen, määräaikaa voidaan jatkaa kerran, enintään { $extended } asti; tällöin sinulle kerrotaan syy.
receipt-asked = Pyysit seuraavaa:
receipt-scope = Kuvauksesi: { $scope }
receipt-scope-none = Pyyntösi koskee kaikkia sinusta tallennettuja tietoja.
receipt-item = { $field }: ”{ $current }” → ”{ $corrected }”
receipt-objection-effect = Kieltosi tuli voimaan, kun vahvistit sähköpostiosoitteesi. Tietojasi ei enää käytetä näihin tarkoituksiin: { $purposes } (kanavat: { $channels }).
receipt-restriction-ground = Peruste (tietosuoja-asetuksen 18 artiklan 1 kohdan { $point } alakohta): { $ground }
receipt-explanation = Selvityksesi: { $explanation }
receipt-processing = Vastustamasi käsittely: { $processing }
receipt-situation = Perusteesi: { $situation }
receipt-general-objection-effect = Vastustus ei tule voimaan itsestään: rekisterinpitäjän on lopetettava käsittely, ellei se osoita, että käsittelyyn on huomattavan tärkeä ja perusteltu syy, joka syrjäyttää etusi, oikeutesi ja vapautesi, tai että käsittely on tarpeen oikeudellisen vaateen laatimiseksi, esittämiseksi tai puolustamiseksi (tietosuoja-asetuksen 21 artiklan 1 kohta). Vastauksessa kerrotaan, kumpi pätee.
receipt-portability-scope-none = Pyyntösi koskee kaikkia rekisterinpitäjälle antamiasi henkilötietoja.
receipt-format = Toivottu tiedostomuoto: { $format }
receipt-format-any = Tiedostomuoto: JSON tai CSV sen mukaan, mitä rekisterinpitäjä voi toimittaa.
receipt-receiving-controller = Tiedot siirretään suoraan, jos se on teknisesti mahdollista, rekisterinpitäjälle: { $controller }
receipt-status = Voit seurata pyyntösi käsittelyä ja perua pyynnön täällä:
receipt-next = Mitä seuraavaksi tapahtuu: yhteyshenkilö käsittelee pyyntösi ja lähettää vastauksen tähän osoitteeseen. Jos henkilöllisyytesi varmistamiseen tai pyynnön tarkentamiseen tarvitaan lisätietoja, niitä kysytään sinulta; aikaa, joka kuluu vastauksesi odottamiseen, ei lasketa määräaikaan.

## new-request: sent to the register's contact person (no personal data in the message)
new-request-subject = Uusi pyyntö { $reference }: { $kind }
new-request-intro = Rekisteriä ”{ $register }” koskeva uusi pyyntö on vahvistettu.
new-request-reference = Viite: { $reference }
new-request-received = Vastaanotettu: { $received }
new-request-deadline = Määräaika: { $deadline }
new-request-open = Avaa pyyntö pyyntöjonossa:

## clarification: the handler asks the requester for identity information or a clarification
clarification-subject = Pyyntöäsi { $reference } varten tarvitaan lisätietoja
clarification-greeting = Hei { $name },
clarification-intro-identity = Jotta voimme vastata rekisteriä ”{ $register }” koskevaan pyyntöösi { $reference }, meidän on varmistettava, että pyyntö on sinulta. Lähetäthän meille seuraavat tiedot:
clarification-intro-clarification = Jotta voimme vastata rekisteriä ”{ $register }” koskevaan pyyntöösi { $reference }, pyydämme sinua tarkentamaan pyyntöä. Kysymyksemme:
clarification-how = Voit vastata tähän viestiin tai pyyntösi tilasivulla (linkki on vastaanottokuittauksessa, jonka lähetimme sinulle).
clarification-answer-here = Vastaa pyyntösi tilasivulla (tai vastaa tähän viestiin):
clarification-clock = Aikaa, joka kuluu vastauksesi saapumiseen, ei lasketa pyyntöösi vastaamisen määräaikaan.

## extension: the deadline is extended once, with reasons (GDPR Art 12(3))
extension-subject = Vastaus pyyntöösi { $reference } viivästyy
extension-greeting = Hei { $name },
extension-intro = Määräaikaa vastata pyyntöösi { $reference }, joka vastaanotettiin { $received }, jatketaan enintään kahdella kuukaudella. Uusi määräaika on { $deadline }.
extension-reasons = Määräajan jatkamisen syyt:
extension-complaint = Jos katsot, ettei määräajan jatkaminen ole perusteltua, sinulla on oikeus tehdä valitus valvontaviranomaiselle (tietosuoja-asetuksen 77 artikla):

## answer: the answer to a request (completed, partly refused, refused)
answer-subject = Vastaus pyyntöösi { $reference }
answer-greeting = Hei { $name },
answer-intro-completed = Tässä on vastaus pyyntöösi ({ $kind }, viite { $reference }, vastaanotettu { $received }).
answer-intro-partly = Tässä on vastaus pyyntöösi ({ $kind }, viite { $reference }, vastaanotettu { $received }). Osaa pyynnöstä ei voitu toteuttaa; syyt kerrotaan alla.
answer-intro-refused = Emme voi toteuttaa pyyntöäsi ({ $kind }, viite { $reference }, vastaanotettu { $received }). Syyt:
answer-item = { $field } → ”{ $corrected }”: { $outcome }.
answer-recipients = Vastaanottajille, joille tietoja oli luovutettu, on ilmoitettu (tietosuoja-asetuksen 19 artikla): { $recipients }
answer-recipients-none = Tietojasi ei ollut luovutettu kenellekään, joten ilmoitettavia vastaanottajia ei ollut (tietosuoja-asetuksen 19 artikla).
answer-kept = Säilytettävät tiedot: { $kept }
answer-retention = Miksi ne säilytetään: lakisääteinen säilytysvelvollisuus, { $duty }
answer-objection = Tietojasi ei enää käytetä niihin tarkoituksiin eikä niiden kanavien kautta, jotka kielsit.
answer-enclosed = Tietosi ovat tämän kirjeen liitteenä, tulostettuina näistä tiedostoista:
answer-download = Tietosi ovat valmiina. Avaa alla oleva linkki; suojauksesi vuoksi sinua pyydetään vahvistamaan sähköpostiosoitteesi uudelleen koodilla. Linkki toimii { $until } asti.
answer-download-no-data = Rekisterissä ei ole sinua koskevia henkilötietoja. Vastaus sekä tiedot rekisteristä ja oikeuksistasi ovat alla olevan linkin takana; suojauksesi vuoksi sinua pyydetään vahvistamaan sähköpostiosoitteesi uudelleen koodilla. Linkki toimii { $until } asti.
answer-complaint = Sinulla on oikeus tehdä valitus valvontaviranomaiselle:
answer-judicial-remedy = Sinulla on myös oikeus viedä asia tuomioistuimeen siinä maassa, jossa rekisterinpitäjä on sijoittautunut, tai siinä maassa, jossa asut (tietosuoja-asetuksen 79 artikla).
authority-fi = Tietosuojavaltuutetun toimisto, PL 800, 00531 Helsinki; tietosuoja@om.fi; 029 566 6700; https://tietosuoja.fi
authority-ee = Viron tietosuojavirasto (Andmekaitse Inspektsioon), Tatari 39, 10134 Tallinn, Viro; info@aki.ee; https://www.aki.ee
item-outcome-corrected = oikaistu
item-outcome-deleted = poistettu
item-outcome-completed = täydennetty
item-outcome-rejected = ei oikaistu
erasure-outcome-erased = Henkilötietosi on poistettu.
erasure-outcome-anonymised = Henkilötietosi on anonymisoitu: niitä ei voida enää yhdistää sinuun.
erasure-outcome-partly_refused = Henkilötietosi on poistettu lukuun ottamatta tietoja, jotka meidän on lain mukaan säilytettävä.
answer-restriction-data = Näiden tietojen käsittelyä on rajoitettu: { $data }
answer-restriction-until = Rajoitus on voimassa: { $until }
answer-restriction-effect = Rajoituksen aikana tietoja vain säilytetään; muuten niitä käsitellään ainoastaan suostumuksellasi, oikeudellisen vaateen vuoksi, toisen henkilön oikeuksien suojaamiseksi tai tärkeää yleistä etua koskevista syistä (tietosuoja-asetuksen 18 artiklan 2 kohta).
answer-restriction-lifting = Sinulle ilmoitetaan ennen kuin rajoitus poistetaan (tietosuoja-asetuksen 18 artiklan 3 kohta).
answer-restriction-recipients = Vastaanottajat, joille rajoituksesta on ilmoitettu (tietosuoja-asetuksen 19 artikla): { $recipients }
answer-general-objection-upheld = Vastustuksesi on hyväksytty, ja tämä käsittely on lopetettu: { $processing }
overriding-grounds-compelling_grounds = Käsittelyyn on huomattavan tärkeä ja perusteltu syy, joka syrjäyttää etusi, oikeutesi ja vapautesi (tietosuoja-asetuksen 21 artiklan 1 kohta).
overriding-grounds-legal_claims = Käsittely on tarpeen oikeudellisen vaateen laatimiseksi, esittämiseksi tai puolustamiseksi (tietosuoja-asetuksen 21 artiklan 1 kohta).
answer-portability = Tietosi ovat jäsennellyssä, yleisesti käytetyssä ja koneluettavassa tiedostossa (JSON tai CSV), jonka voit siirtää toiselle rekisterinpitäjälle (tietosuoja-asetuksen 20 artikla).
answer-portability-transmission = Siirto toiselle rekisterinpitäjälle: { $transmission }

## download-code: opens an inspection answer's download link
download-code-subject = Koodisi vastauksen { $reference } avaamiseen
download-code-intro = Syötä tämä koodi vastauksesi { $reference } lataussivulle:
download-code-expires = Koodi on voimassa { $expires } ({ $zone }) asti.
download-code-ignore = Jos et pyytänyt koodia, jätä tämä viesti huomiotta ja ilmoita asiasta yhteyshenkilölle.

## reminder: to the assignee or the register's handlers before and after the deadline
reminder-subject = { $reference }: määräaikaan { $days } työpäivää
reminder-intro = Pyyntöön { $reference } on vastattava viimeistään { $deadline }: työpäiviä on jäljellä { $days }.
overdue-subject = Myöhässä: { $reference }
overdue-intro = Pyyntö { $reference } on myöhässä: määräaika oli { $deadline } (määräajasta kulunut päiviä: { $days }). Vastaa pyyntöön viipymättä.
unanswered-subject = Vastaamaton kysymys: { $reference }
unanswered-intro = Pyytäjä ei ole vastannut { $since } lähetettyyn kysymykseen pyynnöstä { $reference }. Määräaika on edelleen keskeytettynä; päätä, suljetaanko pyyntö (esimerkiksi hylätään, jos henkilöllisyyttä ei voitu varmistaa) vai odotetaanko pidempään, ja kirjaa päätös.

## monthly-report: to the register's contact person on the 1st, the previous month's deadline report (CSV attached)
monthly-report-subject = { $register }: määräaikaraportti { $month }
monthly-report-intro = Rekisterin ”{ $register }” määräaikaraportti ajalta { $month } on liitteenä CSV-tiedostona. Siinä on jokainen pyyntö, joka vastaanotettiin kuukauden aikana, jonka määräaika päättyi kuukauden aikana, joka ratkaistiin kuukauden aikana tai joka oli yhä avoinna kuukauden lopussa, sekä sen määräaika ja tieto siitä, vastattiinko pyyntöön määräajassa.
monthly-report-summary = Yhteenveto
monthly-report-rows = Pyyntöjä raportissa
monthly-report-received = Vastaanotettu kuukauden aikana
monthly-report-on-time = Ratkaistu määräajassa
monthly-report-late = Ratkaistu myöhässä
monthly-report-open = Avoinna, määräaika ei ole kulunut
monthly-report-overdue = Avoinna ja myöhässä
monthly-report-withdrawn = Peruttu
monthly-report-extended = Määräaikaa jatkettu
monthly-report-median = Ratkaisuun kuluneiden päivien mediaani
monthly-report-p90 = Ratkaisuun kuluneiden päivien 90. persentiili
monthly-report-by-kind = Pyynnön lajin mukaan
monthly-report-kind = { $kind }: raportissa { $rows }, ratkaistu määräajassa { $on_time }, ratkaistu myöhässä { $late }, avoinna määräajassa { $open }, myöhässä { $overdue }
monthly-report-definitions = Määräajassa tarkoittaa, että pyyntöön vastattiin viimeistään voimassa olevana määräpäivänä: kuukausi vastaanottamisesta lisättynä päivillä, joina määräajan kulku oli keskeytetty, tai jatkettu määräaika, jos määräaikaa on jatkettu (kieltäytymisen määräaika on aina yksi kuukausi). Avoimien pyyntöjen myöhästymispäivät lasketaan kuukauden viimeiseen päivään asti.
monthly-report-open-link = Raportti, jossa jokainen myöhässä ratkaistu ja myöhässä oleva pyyntö on merkitty, on myös henkilöstön sivuilla:
monthly-report-chains = Eheyden ankkurit (säilytä tämä viesti): lokikirjaus { $seq }, tiiviste { $audit }; tämän rekisterin { $requests } pyynnön tapahtumaketjujen tiiviste: { $digest }. `dsr-desk audit verify` laskee ne uudelleen; myöhemmin muutettu tieto ei enää vastaa näitä arvoja.

# The local time of times shown to people (the register's).
time-zone-fi = Suomen aikaa
time-zone-ee = Viron aikaa

# Pre-filled on the staff answer form, in the request's language.
objection-confirmation-default = Vastustuksesi on kirjattu: henkilötietojasi ei enää käytetä ilmoittamiisi tarkoituksiin.

## password_reset: a staff member's link to set a new password
password-reset-subject = dsr-desk: uusi salasana käyttäjälle { $name }
password-reset-greeting = Hei { $name },
password-reset-intro = Joku, toivottavasti sinä, pyysi uutta salasanaa dsr-desk-henkilökuntatunnuksellesi. Avaa tämä linkki valitaksesi sen:
password-reset-expires = Linkki toimii kerran, { $expires } asti (Suomen aikaa). Uuden salasanan asettaminen kirjaa sinut ulos kaikkialta.
password-reset-ignore = Jos et pyytänyt tätä, voit jättää viestin huomiotta: salasanasi pysyy ennallaan.
password-reset-footer = Tämän viestin lähetti dsr-desk automaattisesti; vastauksia ei lueta.
answer-erased-in-systems = Järjestelmissämme tehtiin näin:
answer-erased-in = { $system }: { $effect }
erasure-effect-erased = poistettu
erasure-effect-anonymised = anonymisoitu

# The confirmation of a withdrawal.
withdrawal-subject = Pyyntösi { $reference } on peruttu
withdrawal-greeting = Hei { $name },
withdrawal-intro = Peruit pyyntösi ({ $kind }, viite { $reference }) { $withdrawn }.
withdrawal-new-request = Voit tehdä uuden pyynnön milloin tahansa.
withdrawal-status = Pyyntösi tilasivu:
