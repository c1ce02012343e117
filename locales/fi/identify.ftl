# Vahva sähköinen tunnistautuminen (OpenID Connect) julkisilla sivuilla.
identify-title = Tunnistautuminen
identify-with = Tunnistaudu: { $provider }
identify-form-help = Sähköpostiin lähetettävän koodin sijaan voit vahvistaa pyynnön tunnistautumalla sähköisesti (pankkitunnukset, mobiilivarmenne tai henkilökortti). Meille jää vain nimesi, tunnistuksen varmuustaso ja henkilötunnuksestasi suojattu tunniste.
identify-required = Tämän pyynnön voi vahvistaa vain vahvalla sähköisellä tunnistautumisella. Avaa sähköpostin linkki ja tunnistaudu.
identify-required-form = Tämä rekisteri edellyttää tällaisessa pyynnössä vahvaa sähköistä tunnistautumista: lähetä lomake "Tunnistaudu"-painikkeella.
identify-not-accepted = Sähköinen tunnistautuminen ei ole käytettävissä tällaisessa pyynnössä: lähetä lomake ja vahvista pyyntö sähköpostiin tulevalla koodilla.
identify-unknown = Tunnistautumista ei tunneta, se on jo käytetty tai se aloitettiin toisessa selaimessa. Mitään ei tallennettu. Aloita uudelleen lomakkeelta tai sähköpostin linkistä.
identify-failed-cancelled = Tunnistautuminen peruttiin, eikä mitään tallennettu. Vahvista pyyntö sähköpostiin lähetetyllä koodilla tai tunnistaudu uudelleen sähköpostin linkin kautta.
identify-failed-expired = Tunnistautuminen kesti liian kauan, eikä mitään tallennettu. Aloita se uudelleen sähköpostin linkin kautta.
identify-failed-refused = Tunnistautumista ei voitu tarkistaa, eikä mitään tallennettu. Yritä uudelleen sähköpostin linkin kautta.
identify-failed-level = Käytetty tunnistustapa ei ole tähän pyyntöön riittävän vahva, eikä mitään tallennettu. Yritä uudelleen pankkitunnuksilla, mobiilivarmenteella tai henkilökortilla.
identify-failed-no-identifier = Tunnistuspalvelu ei antanut henkilötunnustasi, eikä mitään tallennettu. Yritä uudelleen tai käytä toista palvelua.
identify-failed-other-person = Tunnistauduit eri henkilönä kuin pyynnön tekijä, joten vastaus pysyy suljettuna. Pyydä sen sijaan koodi pyynnön sähköpostiosoitteeseen.
identify-failed-unavailable = Tunnistuspalveluun ei saatu yhteyttä. Yritä myöhemmin uudelleen tai vahvista sähköpostiin lähetetyllä koodilla.
identify-download-intro = Tai avaa vastaus tunnistautumalla uudelleen, kuten pyyntöä tehdessäsi:
