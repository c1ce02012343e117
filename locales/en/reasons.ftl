# Why a staff action or form was refused: the reasons the services give, rendered in the reader's
# language (the API's are in English).

verbatim = { $text }

## The lifecycle: "a request that is <state> cannot be <action>".
refused-transition = a request that is { $state } cannot be { $action }
action-verified = verified
action-expired = expired
action-started = started
action-put-on-hold = put on hold for the requester
action-resumed = resumed
action-completed = completed
action-refused = refused
action-withdrawn = withdrawn
action-assigned = assigned
action-changed = changed
action-claimed = claimed
action-extended = extended
action-identity-checked = given further identity assurance

## Refused actions.
refused-already-extended = the deadline has already been extended; it can be extended only once
refused-extension-window-closed = the one-month deadline { $deadline } has passed; an extension must be notified within one month of receipt (GDPR Art 12(3))
refused-details-gone = the request's details are no longer available
refused-no-address = the request has no email or postal address to answer to
refused-question-open = the request still waits for the requester's answer to a question; confirm that it is closed without one
refused-identity-check-first = this register requires further identity verification before an inspection or portability answer is sent; record it first
refused-letter-already-sent = this letter is already recorded as sent by post
refused-collect-closed = a request that is { $state } collects no data
refused-collection-pending = the data of source `{ $source }` ({ $lookup }) are still being collected: re-run it on this page before answering
refused-collection-failed = the data of source `{ $source }` ({ $lookup }) could not be collected: re-run it on this page before answering
refused-erase-not-erasure = only an open erasure request erases data in the sources
refused-no-erasure-steps = this register's data sources have no erasure steps
refused-erasure-failed = the erasure in source `{ $source }` ({ $step }) failed: run it again on this page before answering
refused-erasure-not-run = the erasure in source `{ $source }` ({ $step }) has not run: approve it on this page before answering
refused-withdraw-closed = the request is { $state }
refused-admin-own-account = you cannot disable your own account
refused-admin-last-admin = this is the last enabled administrator; create another administrator before disabling it
refused-admin-own-password = reset your own password by changing it on the Password page
refused-admin-own-factor = another administrator must reset your second factor; you can renew your recovery codes on the Second factor page

## Fields that are not acceptable ("<field>: <reason>").
problem-is-required = is required
problem-required = { $what } is required
problem-too-long = { $what } is longer than { $max } characters
problem-recipients-both = either name the recipients informed or tick that the data were disclosed to no one, not both
problem-item-outcome = choose the outcome of item { $number } ({ $item })
problem-erasure-outcome = choose erased, anonymised or partly refused
problem-objection-decision = choose upheld or rejected
problem-overriding-grounds = choose compelling legitimate grounds or legal claims (GDPR Art 21(1))
problem-restriction-decision = choose restricted or rejected
problem-file-empty = the file { $file } is empty
problem-file-not-json = the file { $file } is not valid JSON ({ $error })
problem-file-not-utf8 = the file { $file } is not UTF-8 text
problem-portability-no-file = a portability answer carries the data in a machine-readable file: attach at least one .json or .csv file
problem-portability-format = the requester asked for { $format }: attach at least one .{ $extension } file
problem-attachments-too-large = { $total } bytes in all; at most { $limit } are accepted
problem-no-data-but-found = the data sources hold { $rows } rows of this person's data; leave them out on this page (with the reason) or answer with them
problem-no-data-no-files = an answer that no personal data are held carries no files
problem-files-only-inspection = only an inspection or portability answer carries files
problem-assignee = must be an active staff member of this register
problem-doubt = say why there is reasonable doubt about who is asking (GDPR Art 12(6))
problem-arrival-before-question = cannot be before the question was sent ({ $asked_on })
problem-arrival-in-future = cannot be in the future (today is { $today })
problem-arrival-nothing-open = no question is waiting for an answer
problem-note-length = a note needs 1–5000 characters
problem-unknown-source = `{ $source }` is not a data source of this register
problem-exclusion-reason = say why these data are left out of the answer
problem-exclusion-nothing = choose the rows or columns to leave out
problem-unknown-lookup = no such collected lookup on this request
problem-no-such-row = there is no row { $row } (the lookup has { $rows })
problem-no-such-column = the lookup has no column `{ $column }`
problem-row-number = `{ $row }` is not a row number
problem-register = choose one of your registers
problem-entry-channel = choose letter, phone, visit or email
problem-received-on = the date of receipt is required (YYYY-MM-DD)
problem-received-in-future = the date of receipt cannot be in the future
problem-received-too-old = the date of receipt is more than { $days } days ago
problem-date = must be a date (YYYY-MM-DD)
problem-number = must be a number
problem-staff-member = choose a staff member
problem-audit-format = must be html, csv or json
problem-month-format = `{ $month }` is not a month in the form YYYY-MM (e.g. 2026-03)
problem-month-future = { $month } has not begun yet
problem-role = choose handler or admin
problem-email-taken = a staff account with this email already exists
problem-email-too-long = is too long (at most 254 characters)
problem-email-invalid = is not a valid email address
problem-unknown-register = unknown or inactive register `{ $register }`
problem-handler-no-register = a handler needs at least one register
problem-admin-with-registers = an admin sees every register; grant none
problem-key-name = a name of 1–100 characters is required
problem-key-no-register = at least one register is required

## What a required text is ("<what> is required").
what-message = the message
what-answer-message = the answer message
what-confirmation-message = the confirmation message
what-item-reason = the reason for rejecting this item
what-note = the note
what-retention-duty = the retention duty that keeps the data (e.g. Accounting Act 1336/1997 2:10)
what-kept = what is kept (e.g. invoices of the last ten years)
what-recipients-correction = the recipients informed of the correction (GDPR Art 19), or the tick that the data were disclosed to no one
what-recipients-erasure = the recipients informed of the erasure (GDPR Art 19), or the tick that the data were disclosed to no one
what-recipients-restriction = the recipients informed of the restriction (GDPR Art 19), or the tick that the data were disclosed to no one
what-restricted-data = the data whose processing is restricted
what-restricted-until = until when, or on what condition, the restriction lasts
what-restriction-reasons = the reasons for refusing the restriction (sent to the requester)
what-objection-reasons = the reasons: the compelling legitimate grounds that override the requester's interests, rights and freedoms, or the legal claims
what-transmission = what became of the transmission to { $controller } (GDPR Art 20(2)): transmitted, or why it was not technically feasible
what-transmission-note = the transmission note
what-identity-note = a note on how the identity was checked
what-question = the question
what-extension-reasons = the reasons for the extension
what-refusal-reasons = the reasons for the refusal
