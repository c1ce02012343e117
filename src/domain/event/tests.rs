//! Tests of the event hash chain: the pinned encoding, detection of every alteration, reordering
//! or removal, and canonical JSON.

use chrono::{Duration, TimeZone};
use proptest::prelude::*;
use serde_json::{Map, json};

use super::*;

const REF: &str = "DSR-2026-000042";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

/// A chain of five events by different actors.
fn sample_chain() -> Vec<EventRecord> {
    let steps: Vec<(Actor, &str, Value)> = vec![
        (Actor::Requester, "received", json!({"kind": "inspection", "language": "nl"})),
        (Actor::System, "deadline_set", json!({"deadline": "2026-12-23", "extended": null})),
        (Actor::Staff(StaffId(7)), "assigned", json!({"to": 7, "note": "urgent"})),
        (Actor::Integration, "identity_checked", json!({"ok": true, "checks": ["email", "id"]})),
        (Actor::Staff(StaffId(9)), "status_changed", json!({"from": "received", "to": "in_progress"})),
    ];
    let mut chain: Vec<EventRecord> = Vec::new();
    for (i, (actor, kind, payload)) in steps.into_iter().enumerate() {
        let at = t0() + Duration::minutes(i as i64 * 17) + Duration::nanoseconds(123_456_789);
        let event = next_event(REF, chain.last(), at, &actor, kind, payload);
        chain.push(event);
    }
    chain
}

#[test]
fn a_built_chain_verifies() {
    let chain = sample_chain();
    assert_eq!(chain.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
    assert_eq!(chain[0].prev_hash, GENESIS.to_vec());
    for pair in chain.windows(2) {
        assert_eq!(pair[1].prev_hash, pair[0].hash);
    }
    assert_eq!(verify_chain(REF, &chain), Ok(()));
}

#[test]
fn an_empty_log_verifies() {
    assert_eq!(verify_chain(REF, &[]), Ok(()));
}

#[test]
fn the_encoding_is_pinned() {
    // A change to the encoding invalidates every stored chain: it needs a new tag, not an edit.
    let hash = event_hash(
        "DSR-1",
        &GENESIS,
        1,
        Utc.timestamp_micros(1_700_000_000_123_456).unwrap(),
        "staff",
        Some(3),
        "received",
        &json!({"b": [1, "x"], "a": true}),
    );
    assert_eq!(hex::encode(hash), PINNED);
}
const PINNED: &str = "b5565104b6e5fc49d045073bcad5fc4cb9432967cf0587073aefd753c74dcbf8";

#[test]
fn another_requests_reference_does_not_verify() {
    let chain = sample_chain();
    assert_eq!(verify_chain("DSR-2026-000043", &chain), Err(ChainError::Altered { seq: 1 }));
}

#[test]
fn altering_any_field_of_any_event_is_detected() {
    type Edit = fn(&mut EventRecord);
    type Expected = fn(i32) -> ChainError;
    let edits: Vec<(&str, Edit, Expected)> = vec![
        ("payload", |e| e.payload["extra"] = json!(1), |seq| ChainError::Altered { seq }),
        ("payload value", |e| e.payload = json!({}), |seq| ChainError::Altered { seq }),
        ("kind", |e| e.kind.push('x'), |seq| ChainError::Altered { seq }),
        (
            "actor kind",
            |e| e.actor_kind = if e.actor_kind == "system" { "requester" } else { "system" }.into(),
            |seq| ChainError::Altered { seq },
        ),
        (
            "actor staff id",
            |e| e.actor_staff_id = Some(e.actor_staff_id.unwrap_or(0) + 1),
            |seq| ChainError::Altered { seq },
        ),
        ("occurred_at", |e| e.occurred_at += Duration::microseconds(1), |seq| ChainError::Altered { seq }),
        ("hash", |e| e.hash[31] ^= 0x01, |seq| ChainError::Altered { seq }),
        ("hash length", |e| e.hash.truncate(31), |seq| ChainError::Altered { seq }),
        ("prev_hash", |e| e.prev_hash[0] ^= 0x80, |seq| ChainError::Broken { seq }),
    ];
    let chain = sample_chain();
    for (what, edit, expected) in edits {
        for i in 0..chain.len() {
            let mut tampered = chain.clone();
            edit(&mut tampered[i]);
            assert_ne!(tampered[i], chain[i], "{what} edit of event {} changed nothing", i + 1);
            assert_eq!(
                verify_chain(REF, &tampered),
                Err(expected(chain[i].seq)),
                "{what} edit of event {}",
                i + 1
            );
        }
    }
}

#[test]
fn altering_a_seq_is_detected() {
    let chain = sample_chain();
    for i in 0..chain.len() {
        let mut tampered = chain.clone();
        tampered[i].seq += 10;
        let expected = chain[i].seq;
        assert_eq!(
            verify_chain(REF, &tampered),
            Err(ChainError::Gap { seq: expected + 10, expected }),
            "seq of event {expected}"
        );
    }
}

#[test]
fn renumbering_an_event_without_rehashing_is_detected() {
    // Remove event 3 and renumber the rest: the seqs are contiguous again, but 4 no longer links.
    let mut chain = sample_chain();
    chain.remove(2);
    for e in &mut chain[2..] {
        e.seq -= 1;
    }
    assert_eq!(verify_chain(REF, &chain), Err(ChainError::Broken { seq: 3 }));
}

#[test]
fn an_edit_with_its_own_hash_recomputed_still_breaks_the_next_link() {
    let mut chain = sample_chain();
    let e = &mut chain[1];
    e.payload = json!({"deadline": "2027-03-23"});
    e.hash = event_hash(
        REF,
        &e.prev_hash,
        e.seq,
        e.occurred_at,
        &e.actor_kind,
        e.actor_staff_id,
        &e.kind,
        &e.payload,
    )
    .to_vec();
    assert_eq!(verify_chain(REF, &chain), Err(ChainError::Broken { seq: 3 }));
}

#[test]
fn reordering_events_is_detected() {
    let chain = sample_chain();
    let mut swapped = chain.clone();
    swapped.swap(1, 2);
    assert_eq!(verify_chain(REF, &swapped), Err(ChainError::Gap { seq: 3, expected: 2 }));

    let mut reversed = chain.clone();
    reversed.reverse();
    assert_eq!(verify_chain(REF, &reversed), Err(ChainError::Gap { seq: 5, expected: 1 }));

    // Swapped rows whose seqs were swapped back: positions fit, links do not.
    let mut relabelled = swapped;
    relabelled[1].seq = 2;
    relabelled[2].seq = 3;
    assert_eq!(verify_chain(REF, &relabelled), Err(ChainError::Broken { seq: 2 }));
}

#[test]
fn removing_an_event_is_detected() {
    let chain = sample_chain();
    for i in 0..chain.len() - 1 {
        let mut shorter = chain.clone();
        shorter.remove(i);
        let expected = chain[i].seq;
        assert_eq!(
            verify_chain(REF, &shorter),
            Err(ChainError::Gap { seq: expected + 1, expected }),
            "removing event {expected}"
        );
    }
    // Cutting off the tail leaves a valid chain: that is what anchoring the latest hash is for.
    assert_eq!(verify_chain(REF, &chain[..chain.len() - 1]), Ok(()));
}

#[test]
fn inserting_a_duplicate_event_is_detected() {
    let mut chain = sample_chain();
    let copy = chain[2].clone();
    chain.insert(3, copy);
    assert_eq!(verify_chain(REF, &chain), Err(ChainError::Gap { seq: 3, expected: 4 }));
}

#[test]
fn occurred_at_is_truncated_to_microseconds() {
    let exact = t0() + Duration::microseconds(654_321);
    let with_nanos = exact + Duration::nanoseconds(999);
    let actor = Actor::Staff(StaffId(1));
    let a = next_event(REF, None, with_nanos, &actor, "received", json!({"x": 1}));
    let b = next_event(REF, None, exact, &actor, "received", json!({"x": 1}));
    assert_eq!(a.occurred_at, exact);
    assert_eq!(a, b);
    // What the database gives back (microseconds) verifies against the stored hash.
    let mut read_back = a.clone();
    read_back.occurred_at = Utc.timestamp_micros(a.occurred_at.timestamp_micros()).unwrap();
    assert_eq!(verify_chain(REF, &[read_back]), Ok(()));
}

#[test]
fn a_payload_read_back_from_jsonb_hashes_the_same() {
    let original = json!({"to": "in_progress", "from": "received", "meta": {"z": [3, 1], "a": null}});
    let event = next_event(REF, None, t0(), &Actor::System, "status_changed", original);
    // JSONB's own key order (shorter keys first) and spacing, as text read back from the database.
    let read_back: Value = serde_json::from_str(
        r#"{"to": "in_progress", "from": "received", "meta": {"a": null, "z": [3, 1]}}"#,
    )
    .unwrap();
    let mut stored = event.clone();
    stored.payload = read_back;
    assert_eq!(verify_chain(REF, &[stored]), Ok(()));
}

#[test]
fn the_hash_separates_fields() {
    let at = t0();
    let base = event_hash(REF, &GENESIS, 1, at, "staff", Some(1), "note", &json!({}));
    // Bytes moved across a field boundary.
    assert_ne!(base, event_hash(REF, &GENESIS, 1, at, "staf", Some(1), "fnote", &json!({})));
    assert_ne!(
        event_hash("ab", &GENESIS, 1, at, "c", None, "k", &json!({})),
        event_hash("a", &GENESIS, 1, at, "bc", None, "k", &json!({}))
    );
    // None is not id 0.
    assert_ne!(
        event_hash(REF, &GENESIS, 1, at, "system", None, "k", &json!({})),
        event_hash(REF, &GENESIS, 1, at, "system", Some(0), "k", &json!({}))
    );
    // The empty object, null and the string "{}" differ.
    assert_ne!(base, event_hash(REF, &GENESIS, 1, at, "staff", Some(1), "note", &Value::Null));
    assert_ne!(base, event_hash(REF, &GENESIS, 1, at, "staff", Some(1), "note", &json!("{}")));
}

#[test]
fn actor_parts_round_trip() {
    for actor in [Actor::Requester, Actor::Staff(StaffId(42)), Actor::System, Actor::Integration] {
        assert_eq!(Actor::from_parts(actor.kind(), actor.staff_id()), Some(actor));
    }
    assert_eq!(Actor::Staff(StaffId(42)).kind(), "staff");
    assert_eq!(Actor::Staff(StaffId(42)).staff_id(), Some(42));
    assert_eq!(Actor::Requester.staff_id(), None);
    assert_eq!(Actor::from_parts("staff", None), None);
    assert_eq!(Actor::from_parts("system", Some(1)), None);
    assert_eq!(Actor::from_parts("Staff", Some(1)), None);
    assert_eq!(Actor::from_parts("robot", None), None);
}

#[test]
fn canonical_json_ignores_insertion_order() {
    let mut forward = Map::new();
    forward.insert("alpha".into(), json!(1));
    forward.insert("beta".into(), json!("two"));
    forward.insert("gamma".into(), json!(true));
    let mut backward = Map::new();
    backward.insert("gamma".into(), json!(true));
    backward.insert("beta".into(), json!("two"));
    backward.insert("alpha".into(), json!(1));
    let (forward, backward) = (Value::Object(forward), Value::Object(backward));
    assert_eq!(canonical_json(&forward), canonical_json(&backward));
    assert_eq!(canonical_json(&forward), r#"{"alpha":1,"beta":"two","gamma":true}"#);
}

#[test]
fn canonical_json_sorts_nested_objects_and_keeps_array_order() {
    let value: Value = serde_json::from_str(
        r#"{ "z": [ {"b": 1, "a": 2}, 3, "x" ], "a": { "y": { "d": null, "c": false }, "x": [] }, "m": {} }"#,
    )
    .unwrap();
    assert_eq!(
        canonical_json(&value),
        r#"{"a":{"x":[],"y":{"c":false,"d":null}},"m":{},"z":[{"a":2,"b":1},3,"x"]}"#
    );
    assert_ne!(canonical_json(&json!([1, 2, 3])), canonical_json(&json!([3, 2, 1])));
    assert_eq!(canonical_json(&json!([3, 2, 1])), "[3,2,1]");
}

#[test]
fn canonical_json_sorts_by_bytes_and_escapes_like_serde_json() {
    let value = json!({"é": 1, "Z": 2, "a": 3, "": 4, "aa": 5});
    assert_eq!(canonical_json(&value), r#"{"":4,"Z":2,"a":3,"aa":5,"é":1}"#);
    let text = json!("quote \" backslash \\ newline \n tab \t nul \u{0} del \u{7f} ü");
    assert_eq!(canonical_json(&text), serde_json::to_string(&text).unwrap());
    assert_eq!(canonical_json(&json!({"k\"ey": "v"})), r#"{"k\"ey":"v"}"#);
    assert_eq!(canonical_json(&json!(-12)), "-12");
    assert_eq!(canonical_json(&json!(u64::MAX)), "18446744073709551615");
}

#[test]
fn duplicate_keys_keep_the_last_as_jsonb_does() {
    let parsed: Value = serde_json::from_str(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
    assert_eq!(canonical_json(&parsed), r#"{"a":3,"b":2}"#);
}

fn payload_strategy() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((".{0,8}", inner), 0..5)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

fn actor_strategy() -> impl Strategy<Value = Actor> {
    prop_oneof![
        Just(Actor::Requester),
        any::<i64>().prop_map(|id| Actor::Staff(StaffId(id))),
        Just(Actor::System),
        Just(Actor::Integration),
    ]
}

fn chain_strategy() -> impl Strategy<Value = Vec<EventRecord>> {
    prop::collection::vec(
        ("[a-z_]{1,20}", actor_strategy(), payload_strategy(), 0i64..10_000_000_000_000),
        1..8,
    )
    .prop_map(|steps| {
        let mut chain: Vec<EventRecord> = Vec::new();
        let mut at = t0();
        for (kind, actor, payload, step_ns) in steps {
            at += Duration::nanoseconds(step_ns);
            let event = next_event(REF, chain.last(), at, &actor, &kind, payload);
            chain.push(event);
        }
        chain
    })
}

proptest! {
    #[test]
    fn random_chains_verify_and_every_hash_byte_flip_is_detected(
        chain in chain_strategy(),
        flip in 1u8..=255,
    ) {
        prop_assert_eq!(verify_chain(REF, &chain), Ok(()));
        for i in 0..chain.len() {
            for byte in 0..chain[i].hash.len() {
                let mut tampered = chain.clone();
                tampered[i].hash[byte] ^= flip;
                prop_assert_eq!(
                    verify_chain(REF, &tampered),
                    Err(ChainError::Altered { seq: chain[i].seq })
                );
            }
        }
    }

    #[test]
    fn a_chain_survives_a_database_round_trip(chain in chain_strategy()) {
        // What reading the rows back does: JSON through text, timestamps through microseconds.
        let read_back: Vec<EventRecord> = chain
            .iter()
            .map(|e| EventRecord {
                occurred_at: Utc.timestamp_micros(e.occurred_at.timestamp_micros()).unwrap(),
                payload: serde_json::from_str(&e.payload.to_string()).unwrap(),
                ..e.clone()
            })
            .collect();
        prop_assert_eq!(verify_chain(REF, &read_back), Ok(()));
    }

    #[test]
    fn canonical_json_parses_back_to_the_same_value(value in payload_strategy()) {
        let text = canonical_json(&value);
        let parsed: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&parsed, &value);
        prop_assert_eq!(canonical_json(&parsed), text);
    }
}
