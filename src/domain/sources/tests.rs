use super::*;

fn sql(text: &str) -> SqlTemplate {
    SqlTemplate::parse(text).unwrap()
}

#[test]
fn named_parameters_become_each_drivers_placeholders() {
    let t = sql("SELECT o.id, o.total::text FROM orders o JOIN customers c ON c.id = o.customer_id \
                 WHERE lower(c.email) = lower(:email) AND (c.number = :customer_number OR :email = 'x')");
    let (pg, binds) = t.render(Dialect::Postgres);
    assert!(pg.contains("lower($1)") && pg.contains("c.number = $2") && pg.contains("OR $1 = 'x'"), "{pg}");
    assert!(pg.contains("o.total::text"), "a cast is not a parameter: {pg}");
    assert_eq!(binds, vec![Identifier::Email, Identifier::CustomerNumber]);
    let (my, binds) = t.render(Dialect::Mysql);
    assert_eq!(my.matches('?').count(), 3, "{my}");
    assert_eq!(binds, vec![Identifier::Email, Identifier::CustomerNumber, Identifier::Email]);
    assert_eq!(t.uses(), &[Identifier::Email, Identifier::CustomerNumber]);
}

#[test]
fn parameters_inside_quotes_and_comments_stay_text() {
    let t = sql(
        "SELECT ':phone' AS a, \"col:phone\" -- :phone here\n, `x:y` /* :phone */ FROM t WHERE e = :email;",
    );
    assert_eq!(t.uses(), &[Identifier::Email]);
    let (pg, _) = t.render(Dialect::Postgres);
    assert!(pg.ends_with("e = $1"), "the trailing `;` is dropped: {pg}");
    assert!(pg.contains("':phone'"));
    assert_eq!(t.first_keyword(), "SELECT");
    assert_eq!(
        sql("-- who\n/* what */ WITH x AS (SELECT 1) SELECT * FROM x WHERE :email = 'a'").first_keyword(),
        "WITH"
    );
}

#[test]
fn unknown_parameters_two_statements_and_open_quotes_are_refused() {
    for (text, reason) in [
        ("SELECT * FROM t WHERE a = :name", "uses `:name`"),
        ("SELECT 1; DELETE FROM t", "one statement"),
        ("SELECT 'open FROM t", "unclosed"),
        ("SELECT 1 /* open", "unclosed /*"),
    ] {
        let err = SqlTemplate::parse(text).unwrap_err();
        assert!(err.contains(reason), "{text}: {err}");
    }
}

fn ids(email: Option<&str>, customer_number: Option<&str>) -> Identifiers {
    Identifiers {
        email: email.map(Into::into),
        phone: None,
        customer_number: customer_number.map(Into::into),
    }
}

#[test]
fn only_steps_matching_the_verified_email_run() {
    let by_email = Step::Sql(sql("SELECT * FROM c WHERE email = :email AND number = :customer_number"));
    let by_number = Step::Sql(sql("SELECT * FROM c WHERE number = :customer_number"));
    assert_eq!(by_email.runnable(&ids(Some("a@b.fi"), Some("C-1"))), Ok(()));
    assert_eq!(
        by_email.runnable(&ids(Some("a@b.fi"), None)),
        Err(NotRun::Missing(Identifier::CustomerNumber))
    );
    assert_eq!(by_number.runnable(&ids(Some("a@b.fi"), Some("C-1"))), Err(NotRun::Unverified));
    assert_eq!(by_email.runnable(&ids(None, Some("C-1"))), Err(NotRun::Unverified));
}

#[test]
fn http_paths_encode_the_identifiers() {
    let path = PathTemplate::parse("/lists/main/members?email={email}").unwrap();
    assert_eq!(path.fill(&ids(Some("a+b@c.fi"), None)).unwrap(), "/lists/main/members?email=a%2Bb%40c%2Efi");
    assert!(PathTemplate::parse("members/{email}").is_err());
    assert!(PathTemplate::parse("/members/{name}").unwrap_err().contains("{name}"));
    assert_eq!(
        PathTemplate::parse("/x/{phone}").unwrap().fill(&ids(Some("a@b.fi"), None)),
        Err(NotRun::Unverified)
    );
}

fn file(toml_text: &str) -> Vec<DataSourceFile> {
    #[derive(Deserialize)]
    struct Wrapper {
        data_sources: Vec<DataSourceFile>,
    }
    use figment::Figment;
    use figment::providers::{Format, Toml};
    Figment::from(Toml::string(toml_text)).extract::<Wrapper>().unwrap().data_sources
}

fn categories() -> Vec<String> {
    vec!["Asiakkaan nimi".into(), "Tilaukset".into()]
}

#[test]
fn a_complete_configuration_validates() {
    let sources = validate(
        &file(
            r#"
            [[data_sources]]
            name = "shop"
            kind = "postgres"
            url_env = "SHOP_DATABASE_URL"
            [[data_sources.lookups]]
            name = "customer"
            category = "Asiakkaan nimi"
            provided_by_requester = true
            query = "SELECT name FROM customers WHERE email = :email"
            [[data_sources.erasure]]
            name = "customer"
            statement = "UPDATE customers SET name = 'x' WHERE email = :email"
            outcome = "anonymised"

            [[data_sources]]
            name = "newsletter"
            kind = "http"
            url_env = "NEWSLETTER_URL"
            headers_env = { Authorization = "NEWSLETTER_AUTH" }
            timeout_secs = 5
            [[data_sources.lookups]]
            name = "member"
            category = "Tilaukset"
            path = "/members?email={email}"
            records = "/members"
            [[data_sources.erasure]]
            name = "member"
            method = "DELETE"
            path = "/members/{email}"
            outcome = "erased"
            "#,
        ),
        &categories(),
    )
    .unwrap();
    assert_eq!(sources.len(), 2);
    assert_eq!(sources[0].lookups[0].category, 0);
    assert!(sources[0].lookups[0].provided_by_requester);
    assert_eq!(sources[1].lookups[0].category, 1);
    assert_eq!(sources[1].timeout_secs, 5);
    assert_eq!(sources[1].erasures[0].effect, ErasureEffect::Erased);
    assert_eq!(sources[1].headers_env, vec![("Authorization".into(), "NEWSLETTER_AUTH".into())]);
}

#[test]
fn every_bad_field_is_named() {
    let problems = validate(
        &file(
            r#"
            [[data_sources]]
            name = "Shop"
            kind = "oracle"
            url_env = "lower"
            timeout_secs = 0
            [[data_sources.lookups]]
            name = "x"
            category = "Nothing"
            query = "SELECT 1"

            [[data_sources]]
            name = "db"
            kind = "mysql"
            url_env = "DB"
            [[data_sources.lookups]]
            name = "writes"
            category = "Tilaukset"
            query = "UPDATE customers SET a = 1 WHERE email = :email"
            [[data_sources.erasure]]
            name = "gone"
            statement = "SELECT 1"
            outcome = "burned"
            "#,
        ),
        &categories(),
    )
    .unwrap_err();
    let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
    for expected in [
        "data_sources[0].name",
        "data_sources[0].kind",
        "data_sources[0].url_env",
        "data_sources[0].timeout_secs",
        "data_sources[1].lookups[0].query",
        "data_sources[1].erasure[0].outcome",
        "data_sources[1].erasure[0].statement",
    ] {
        assert!(fields.contains(&expected), "{expected} in {problems:?}");
    }
    let category = validate(
        &file(
            r#"
            [[data_sources]]
            name = "db"
            kind = "postgres"
            url_env = "DB"
            [[data_sources.lookups]]
            name = "x"
            category = "Nothing"
            query = "SELECT 1 WHERE :email = 'a'"
            "#,
        ),
        &categories(),
    )
    .unwrap_err();
    assert!(category[0].1.contains("not one of the register's data_categories"), "{category:?}");
}
