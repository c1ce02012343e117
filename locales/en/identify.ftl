# Strong electronic identification (OpenID Connect) on the public pages.
identify-title = Identification
identify-with = Identify with { $provider }
identify-form-help = Instead of the emailed code you can confirm the request by identifying yourself electronically (bank ID, mobile ID or ID card). Only your name, the assurance level and a protected fingerprint of your personal identity code are kept.
identify-required = This request can be confirmed only by strong electronic identification. Open the link in the email and identify yourself.
identify-required-form = This register requires strong electronic identification for this kind of request: send the form with an "Identify with …" button.
identify-not-accepted = Electronic identification is not available for this kind of request here: send the form and confirm it with the emailed code.
identify-unknown = This identification is unknown, was already used or was started in another browser. Nothing was stored. Start again from the form or from the link in the email.
identify-failed-cancelled = The identification was cancelled and nothing was stored. Confirm your request with the code we emailed you, or identify again through the link in the email.
identify-failed-expired = The identification took too long and nothing was stored. Start it again through the link in the email.
identify-failed-refused = The identification could not be checked and nothing was stored. Try again through the link in the email.
identify-failed-level = The identification method used is not strong enough for this request, and nothing was stored. Try again with a bank ID, mobile ID or ID card.
identify-failed-no-identifier = The identification service did not give your personal identity code, and nothing was stored. Try again or use another service.
identify-failed-other-person = You identified as someone other than the person who made the request, so the answer stays closed. Ask for a code to the request's email address instead.
identify-failed-unavailable = The identification service could not be reached. Try again later, or confirm with the emailed code.
identify-download-intro = Or open the answer by identifying yourself again, as when you made the request:
