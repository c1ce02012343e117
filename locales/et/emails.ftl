# Email messages. Each message has a subject and body paragraphs; arguments are in { $braces }.

## verification: the requester confirms their email address (link + code)
verification-subject = Kinnitage oma taotlus { $reference }
verification-reference = Viide: { $reference }
verification-greeting = Tere, { $name }!
verification-intro = Oleme kätte saanud Teie taotluse ({ $kind }), mis puudutab registrit „{ $register }“. Enne taotluse menetlemist palume Teil kinnitada, et see e-posti aadress kuulub Teile.
verification-link = Kinnitamiseks avage see link:
verification-code = Või sisestage see kood kinnituslehel:
verification-expires = Link ja kood kehtivad kuni { $expires } (UTC).
verification-ignore = Kui Te ei ole seda taotlust esitanud, jätke see kiri tähelepanuta: midagi ei menetleta ja taotlus kustutatakse 7 päeva pärast.
