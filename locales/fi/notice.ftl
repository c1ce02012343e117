# Tietosuojaselosteet: rekisterin (GET /r/{register}/privacy) ja palvelun oma (GET /privacy), sekä
# jokaisen julkisen sivun alatunniste.
footer-controller = Rekisterinpitäjä:
footer-controllers = Rekisterinpitäjät:
footer-register-notice = Rekisterin tietosuojaseloste
footer-desk-notice = Miten tämä palvelu käsittelee pyyntöäsi (tietosuojaseloste)
form-privacy-link = Lue rekisterin tietosuojaseloste

language-name-fi = suomi
language-name-sv = ruotsi
language-name-en = englanti
language-name-et = viro

business-id-fi = Y-tunnus
business-id-ee = Rekisterikoodi (Viron kaupparekisteri)

legal-basis-consent = rekisteröidyn suostumus
legal-basis-contract = sellaisen sopimuksen täytäntöönpano, jossa rekisteröity on osapuolena, tai sopimuksen tekemistä edeltävät toimenpiteet rekisteröidyn pyynnöstä
legal-basis-legal_obligation = rekisterinpitäjän lakisääteisen velvoitteen noudattaminen
legal-basis-vital_interests = rekisteröidyn tai toisen luonnollisen henkilön elintärkeiden etujen suojaaminen
legal-basis-public_task = yleistä etua koskevan tehtävän suorittaminen tai rekisterinpitäjälle kuuluvan julkisen vallan käyttäminen
legal-basis-legitimate_interests = rekisterinpitäjän tai kolmannen osapuolen oikeutetut edut
legal-basis-citation = tietosuoja-asetuksen 6 artiklan 1 kohdan { $point } alakohta

source-data_subject = rekisteröity itse (sinä)
source-public_sources = julkiset tietolähteet
source-partners = rekisterinpitäjän yhteistyökumppanit
source-update_services = yritysten ja viranomaisten päivityspalvelut

safeguard-adequacy_decision = Euroopan komission päätös tietosuojan riittävyydestä (tietosuoja-asetuksen 45 artikla)
safeguard-standard_contractual_clauses = Euroopan komission hyväksymät vakiomuotoiset tietosuojalausekkeet (tietosuoja-asetuksen 46 artiklan 2 kohdan c alakohta)
safeguard-binding_corporate_rules = yritystä koskevat sitovat säännöt (tietosuoja-asetuksen 46 artiklan 2 kohdan b alakohta ja 47 artikla)
safeguard-code_of_conduct = hyväksytyt käytännesäännöt (tietosuoja-asetuksen 46 artiklan 2 kohdan e alakohta ja 40 artikla)
safeguard-certification = hyväksytty sertifiointimekanismi (tietosuoja-asetuksen 46 artiklan 2 kohdan f alakohta ja 42 artikla)
safeguard-derogation = erityistilanteita koskeva poikkeus, kuten nimenomainen suostumuksesi tai kanssasi tehdyn sopimuksen täytäntöönpano (tietosuoja-asetuksen 49 artiklan 1 kohta)
safeguard-not_stated = ei ilmoitettu rekisteriselosteessa

notice-title = Tietosuojaseloste
notice-intro = Tässä selosteessa kerrotaan, miten rekisterin henkilötietoja käsitellään (tietosuoja-asetuksen 13 ja 14 artikla). Seloste perustuu rekisterinpitäjän rekisteriselosteeseen.
notice-translated = Rekisteriselosteen alkuperäinen kieli on { $language }. Sen tekstit ovat tällä sivulla tätä palvelua varten tehtyjä käännöksiä, ja ne on merkitty sanalla ”käännös”; epäselvissä tapauksissa alkuperäinen teksti on ratkaiseva.
notice-fallback = Osaa teksteistä ei ole käännetty, ja ne näytetään alkuperäisellä kielellä ({ $language }).
notice-translation-mark = käännös
notice-untranslated = ei käännetty: alkuperäinen teksti, kieli { $language }

notice-controller = Rekisterinpitäjä
notice-name = Nimi
notice-legal-form = Yhtiömuoto
notice-address = Postiosoite
notice-phone = Puhelin
notice-email = Sähköposti
notice-web = Verkkosivut
notice-contact = Rekisteriasioita hoitava yhteyshenkilö
notice-contact-page = Yhteystietosivu
notice-controller-through-desk = Rekisteriselosteessa ei ole ilmoitettu rekisterinpitäjän yhteystietoja. Tavoitat rekisterinpitäjän tämän palvelun kautta: tee pyyntösi täällä ja vastaa sitä koskeviin sähköpostiviesteihin.
notice-contact-through-desk = Rekisteriselosteessa ei ole ilmoitettu yhteyshenkilön yhteystietoja. Tavoitat yhteyshenkilön tämän palvelun kautta: tee pyyntösi täällä ja vastaa sitä koskeviin sähköpostiviesteihin.
notice-dpo = Tietosuojavastaava

notice-purposes = Käsittelyn tarkoitukset ja oikeusperusteet
notice-legal-basis = Oikeusperuste
notice-legitimate-interests = Oikeutetut edut
notice-consent-withdrawal = Voit peruuttaa suostumuksesi milloin tahansa; peruuttaminen ei vaikuta sitä ennen tehdyn käsittelyn lainmukaisuuteen.
notice-register-wide = Tiedot, tietolähteet, vastaanottajat ja säilytys

notice-data-categories = Käsiteltävät henkilötiedot
notice-sources = Mistä tiedot saadaan
notice-recipients = Vastaanottajat ja vastaanottajaryhmät
notice-recipients-none = Tietoja ei luovuteta kenellekään.
notice-transfers = Siirrot EU:n ja ETA:n ulkopuolelle
notice-transfers-none = Henkilötietoja ei siirretä Euroopan unionin tai Euroopan talousalueen ulkopuolelle.
notice-safeguard = Suojatoimi
notice-retention = Säilytysaika
notice-automated = Automaattinen päätöksenteko ja profilointi
notice-automated-none = Rekisteröityä koskevia päätöksiä, joilla on häntä koskevia oikeusvaikutuksia tai jotka vaikuttavat häneen vastaavalla tavalla merkittävästi, ei tehdä pelkästään automaattisen käsittelyn, kuten profiloinnin, perusteella (tietosuoja-asetuksen 22 artikla).
notice-not-stated = Rekisteriselosteessa ei ole ilmoitettu tätä. Voit kysyä asiaa rekisteriasioita hoitavalta yhteyshenkilöltä.

notice-rights = Oikeutesi
notice-right-access = oikeus saada pääsy omiin henkilötietoihisi ja saada niistä jäljennös (tarkastusoikeus, tietosuoja-asetuksen 15 artikla)
notice-right-rectification = oikeus saada virheelliset tiedot oikaistuiksi ja puutteelliset tiedot täydennetyiksi (16 artikla)
notice-right-erasure = oikeus saada tietosi poistetuiksi, jollei esimerkiksi lakisääteinen velvoite edellytä niiden säilyttämistä (17 artikla)
notice-right-restriction = oikeus käsittelyn rajoittamiseen (18 artikla)
notice-right-object = oikeus vastustaa oikeutettuun etuun perustuvaa käsittelyä ja milloin tahansa suoramarkkinointia (21 artikla)
notice-right-portability = oikeus saada itse toimittamasi tiedot koneluettavassa muodossa, kun käsittely perustuu suostumukseen tai sopimukseen (20 artikla)
notice-objection-purposes = Tämän palvelun kautta voit kieltää tietojesi käsittelyn seuraaviin tarkoituksiin:
notice-make-request = Tee tätä rekisteriä koskeva pyyntö

notice-complaint = Oikeus tehdä valitus
notice-complaint-intro = Jos katsot, että henkilötietojesi käsittelyssä rikotaan lakia, sinulla on oikeus tehdä valitus valvontaviranomaiselle (tietosuoja-asetuksen 77 artikla), erityisesti siinä jäsenvaltiossa, jossa asut tai työskentelet tai jossa väitetty rikkominen on tapahtunut.
notice-complaint-authority = Tämän rekisterin valvontaviranomainen:
notice-judicial-remedy = Sinulla on myös oikeus tehokkaaseen oikeussuojakeinoon tuomioistuimessa (tietosuoja-asetuksen 79 artikla).

desk-notice-title = Tietosuojaseloste: tietosuojapyyntöjen käsittely
desk-notice-intro = Tämän palvelun kautta asiakkaat käyttävät tietosuojaoikeuksiaan alla lueteltuihin rekistereihin. Tässä selosteessa kerrotaan, miten pyynnön tekijän henkilötietoja käsitellään (tietosuoja-asetuksen 13 artikla).
desk-notice-controllers = Rekisterinpitäjä
desk-notice-controllers-intro = Pyynnön rekisterinpitäjä on sen rekisterin rekisterinpitäjä, jota pyyntö koskee:
desk-notice-contact = Rekisteriasioita hoitava yhteyshenkilö: { $name }, { $contact }
desk-notice-contact-desk = Rekisteriasioita hoitava yhteyshenkilö: { $name }; rekisteriselosteessa ei ole hänen yhteystietojaan, joten tavoitat hänet tämän palvelun kautta vastaamalla pyyntöäsi koskeviin sähköpostiviesteihin.
desk-notice-purpose = Käsittelyn tarkoitus
desk-notice-purpose-text = Pyyntöjen vastaanottaminen, varmentaminen, käsittely ja niihin vastaaminen, kun rekisteröity käyttää oikeuksiaan (tietosuoja-asetuksen 15–22 artikla), sekä sen osoittaminen jälkikäteen, että jokaiseen pyyntöön vastattiin määräajassa.
desk-notice-legal-basis-text = Rekisterinpitäjän on helpotettava rekisteröidyn oikeuksien käyttämistä ja vastattava pyyntöihin määräajassa (tietosuoja-asetuksen 12 artikla) sekä pystyttävä osoittamaan tämä (5 artiklan 2 kohta).
desk-notice-data = Käsiteltävät henkilötiedot
desk-notice-data-identity = nimesi, sähköpostiosoitteesi sekä, jos annat ne, puhelinnumerosi ja asiakasnumerosi
desk-notice-data-postal = jos teet pyyntösi kirjeellä, puhelimitse tai käymällä paikan päällä ilman sähköpostiosoitetta: postiosoitteesi, johon vastaukset lähetetään
desk-notice-data-request = mitä pyydät sekä vastauksesi käsittelijän kysymyksiin
desk-notice-data-verification = sähköpostiosoitteesi vahvistus: kertakäyttöiset koodit ja linkit, jotka tallennetaan vain avaimellisina tiivisteinä
desk-notice-data-handling = pyynnön käsittely: sen vaiheet ja päivämäärät, käsittelijän muistiinpanot ja ratkaisut sekä vastaus ja sinulle toimitetut tiedostot
desk-notice-data-emails = sinulle pyynnöstä lähetetyt sähköpostiviestit ja kirjeet
desk-notice-data-network = väärinkäytösten estämiseksi avaimellinen tiiviste verkko-osoitteestasi (IP-osoitteesta), ei itse osoitetta
desk-notice-data-suppression = jos kiellät suoramarkkinoinnin: sähköpostiosoitteesi tai puhelinnumerosi sekä kieltämäsi tarkoitukset ja kanavat
desk-notice-source = Tiedot saadaan sinulta itseltäsi tai rekisterinpitäjän henkilöstöltä, joka kirjaa kirjeellä, puhelimitse tai henkilökohtaisesti tekemäsi pyynnön.
desk-notice-requirement = Sähköpostiosoitettasi tarvitaan tämän palvelun kautta tehdyn pyynnön vahvistamiseen ja siihen vastaamiseen sähköpostitse. Ilman sähköpostiosoitetta voit tehdä pyynnön kirjeellä, puhelimitse tai käymällä paikan päällä; siihen vastataan silloin kirjeellä postiosoitteeseesi.
desk-notice-retention-unverified = Pyyntö, jota ei vahvisteta { $days } päivän kuluessa, raukeaa, ja sen henkilötiedot poistetaan.
desk-notice-retention-closed = Päättyneen pyynnön henkilötietoja säilytetään sen päättymisestä seuraavan ajan, minkä jälkeen ne anonymisoidaan; viitenumero, päivämäärät ja lopputulos jäävät, jotta voidaan osoittaa pyyntöihin vastatun ajoissa:
desk-notice-retention-register = { $register }: { $days } päivää
desk-notice-retention-suppression = Suoramarkkinointikielto säilytetään niin kauan kuin se on voimassa, todisteena sen noudattamisesta.
desk-notice-recipient-staff = rekisterinpitäjän henkilöstö, joka käsittelee rekisteriä koskevia pyyntöjä
desk-notice-recipient-mail = sähköpostipalvelu, joka toimittaa tämän palvelun viestit rekisterinpitäjän lukuun
desk-notice-recipient-post = postipalvelu, joka toimittaa sinulle lähetetyt kirjeet, jos teit pyynnön ilman sähköpostiosoitetta
desk-notice-recipient-marketing = jos kiellät suoramarkkinoinnin, rekisterinpitäjän markkinointijärjestelmät, jotka tarkistavat, oletko kieltänyt sen
desk-notice-automated = Sinua koskevia päätöksiä ei tehdä pelkästään automaattisesti: jokaisen pyynnön käsittelee ihminen. Suoramarkkinointikielto tulee voimaan heti, kun vahvistat sähköpostiosoitteesi, kuten pyysit.
desk-notice-right-erasure = oikeus tietojen poistamiseen siltä osin kuin rekisterinpitäjän velvollisuus osoittaa pyyntöjen käsittely ei sitä estä (tietosuoja-asetuksen 17 artiklan 3 kohdan b alakohta)
desk-notice-complaint-authorities = Rekistereiden valvontaviranomainen:
desk-notice-rights-not-applicable = Koska käsittely perustuu lakisääteiseen velvoitteeseen, oikeus vastustaa käsittelyä ja oikeus siirtää tiedot järjestelmästä toiseen eivät koske sitä.

## The Art 15 information of an inspection answer
art15-title = Tiedot henkilötietojesi käsittelystä (tietosuoja-asetuksen 15 artikla)
art15-intro = Alla olevan vastauksen ohella nämä ovat tiedot, jotka sinulla on oikeus saada tietojesi jäljennöksen yhteydessä: miksi ja millä perusteella tietoja käsitellään, mitä tietoja, kenelle niitä luovutetaan, kuinka kauan niitä säilytetään, mistä ne saadaan ja mitkä ovat oikeutesi.
art15-intro-after = Yllä olevan vastauksen ohella nämä ovat tiedot, jotka sinulla on oikeus saada tietojesi jäljennöksen yhteydessä: miksi ja millä perusteella tietoja käsitellään, mitä tietoja, kenelle niitä luovutetaan, kuinka kauan niitä säilytetään, mistä ne saadaan ja mitkä ovat oikeutesi.
art15-no-data = Tarkistimme rekisterin: siinä ei ole sinua koskevia henkilötietoja. Alla olevat tiedot kuvaavat silti rekisterin, ja oikeutesi ovat voimassa.
art15-other-authority = Koska voit tehdä valituksen myös siinä jäsenvaltiossa, jossa asut, tässä myös sen valvontaviranomainen:
