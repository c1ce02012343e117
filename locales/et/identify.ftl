# Tugev elektrooniline isikutuvastus (OpenID Connect) avalikel lehtedel.
identify-title = Isikutuvastus
identify-with = Tuvasta isik: { $provider }
identify-form-help = E-posti teel saadetava koodi asemel võite taotluse kinnitada elektroonilise isikutuvastusega (ID-kaart, Mobiil-ID, Smart-ID või pangalink). Säilitame ainult teie nime, tagatistaseme ja teie isikukoodi kaitstud jäljendi.
identify-required = Selle taotluse saab kinnitada ainult tugeva elektroonilise isikutuvastusega. Avage e-kirjas olev link ja tuvastage oma isik.
identify-required-form = See register nõuab sellise taotluse puhul tugevat elektroonilist isikutuvastust: saatke vorm nupuga „Tuvasta isik“.
identify-not-accepted = Elektrooniline isikutuvastus ei ole sellise taotluse puhul võimalik: saatke vorm ja kinnitage see e-posti teel saadetud koodiga.
identify-unknown = Seda isikutuvastust ei tunta, see on juba kasutatud või alustati seda teises brauseris. Midagi ei salvestatud. Alustage uuesti vormilt või e-kirjas olevast lingist.
identify-failed-cancelled = Isikutuvastus katkestati ja midagi ei salvestatud. Kinnitage taotlus e-posti teel saadetud koodiga või tuvastage isik uuesti e-kirjas oleva lingi kaudu.
identify-failed-expired = Isikutuvastus kestis liiga kaua ja midagi ei salvestatud. Alustage uuesti e-kirjas oleva lingi kaudu.
identify-failed-refused = Isikutuvastust ei õnnestunud kontrollida ja midagi ei salvestatud. Proovige uuesti e-kirjas oleva lingi kaudu.
identify-failed-level = Kasutatud tuvastusviis ei ole selle taotluse jaoks piisavalt tugev ja midagi ei salvestatud. Proovige uuesti ID-kaardi, Mobiil-ID või Smart-ID-ga.
identify-failed-no-identifier = Tuvastusteenus ei andnud teie isikukoodi ja midagi ei salvestatud. Proovige uuesti või kasutage muud teenust.
identify-failed-other-person = Tuvastasite end teise isikuna kui taotluse esitaja, seega jääb vastus suletuks. Küsige selle asemel kood taotluse e-posti aadressile.
identify-failed-unavailable = Tuvastusteenusega ei õnnestunud ühendust saada. Proovige hiljem uuesti või kinnitage e-posti teel saadetud koodiga.
identify-download-intro = Või avage vastus, tuvastades oma isiku uuesti nagu taotlust esitades:
