//! The OpenID Connect relying party (`openidconnect`): discovery, the authorization request with
//! PKCE, `state` and `nonce`, the code exchange and the ID token's checks (signature, issuer,
//! audience, expiry against the service's clock, nonce). Discovery documents and their key sets
//! are the only state kept in memory: cached per provider for an hour, and a token signed with a
//! key the cache does not hold (the provider rotated its keys) fetches the key set again, once.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use openidconnect::core::{
    CoreAuthPrompt, CoreClient, CoreJsonWebKeySet, CoreProviderMetadata, CoreResponseType,
};
use openidconnect::{
    AuthenticationContextClass, AuthenticationFlow, AuthorizationCode, ClaimsVerificationError, ClientId,
    ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse, reqwest,
};
use secrecy::ExposeSecret;
use tokio::sync::RwLock;

use crate::config::IdentityProvider;

/// How long a discovery document (and its keys) is used before it is read again.
const DISCOVERY_TTL: Duration = Duration::from_secs(3600);
/// A provider that does not answer within this long is treated as down.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Why a sign-in with a provider failed.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider is unreachable or answered something unusable (discovery, keys, token).
    #[error("identity provider unavailable: {0}")]
    Unavailable(String),
    /// The answer does not prove the person: a token that fails its checks, a refused code.
    #[error("identification refused: {0}")]
    Refused(String),
}

/// The providers' discovery documents, shared by every request of this instance.
pub struct Providers {
    http: reqwest::Client,
    cache: RwLock<HashMap<String, (Arc<CoreProviderMetadata>, Instant)>>,
}

impl std::fmt::Debug for Providers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Providers").finish_non_exhaustive()
    }
}

impl Default for Providers {
    fn default() -> Self {
        // No redirects: a provider's endpoints answer directly (following them invites SSRF).
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(HTTP_TIMEOUT)
            .build()
            .unwrap_or_default();
        Self { http, cache: RwLock::new(HashMap::new()) }
    }
}

/// The start of a sign-in: where to send the browser, and the secrets to keep until it returns.
pub struct Authorization {
    pub url: String,
    pub pkce_verifier: String,
}

/// The verified ID token's claims, as JSON, and its `acr`.
pub struct Verified {
    pub claims: serde_json::Value,
    pub acr: Option<String>,
}

fn unavailable(e: impl std::fmt::Display) -> OidcError {
    OidcError::Unavailable(e.to_string())
}

impl Providers {
    async fn metadata(&self, p: &IdentityProvider) -> Result<Arc<CoreProviderMetadata>, OidcError> {
        if let Some((meta, at)) = self.cache.read().await.get(&p.key)
            && at.elapsed() < DISCOVERY_TTL
        {
            return Ok(meta.clone());
        }
        let issuer = IssuerUrl::new(p.issuer.clone()).map_err(unavailable)?;
        let meta =
            Arc::new(CoreProviderMetadata::discover_async(issuer, &self.http).await.map_err(unavailable)?);
        self.cache.write().await.insert(p.key.clone(), (meta.clone(), Instant::now()));
        Ok(meta)
    }

    /// Reads the provider's key set again (it rotated its keys).
    async fn refresh_keys(&self, p: &IdentityProvider) -> Result<Arc<CoreProviderMetadata>, OidcError> {
        let current = self.metadata(p).await?;
        let keys =
            CoreJsonWebKeySet::fetch_async(current.jwks_uri(), &self.http).await.map_err(unavailable)?;
        let meta = Arc::new((*current).clone().set_jwks(keys));
        self.cache.write().await.insert(p.key.clone(), (meta.clone(), Instant::now()));
        Ok(meta)
    }

    fn client(
        meta: &CoreProviderMetadata,
        p: &IdentityProvider,
        redirect: &str,
    ) -> Result<Client, OidcError> {
        let secret = p.client_secret().map(|s| ClientSecret::new(s.expose_secret().to_owned()));
        let redirect = RedirectUrl::new(redirect.to_owned()).map_err(unavailable)?;
        Ok(CoreClient::from_provider_metadata(meta.clone(), ClientId::new(p.client_id.clone()), secret)
            .set_redirect_uri(redirect))
    }

    /// The authorization request (code flow, PKCE S256) carrying `state` and `nonce`;
    /// `fresh_login` asks the provider to authenticate the person again (`prompt=login`).
    pub async fn authorize(
        &self,
        p: &IdentityProvider,
        redirect: &str,
        state: &str,
        nonce: &str,
        fresh_login: bool,
    ) -> Result<Authorization, OidcError> {
        let meta = self.metadata(p).await?;
        let client = Self::client(&meta, p, redirect)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (state, nonce) = (state.to_owned(), nonce.to_owned());
        let mut request = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                move || CsrfToken::new(state),
                move || Nonce::new(nonce),
            )
            .set_pkce_challenge(challenge);
        if fresh_login {
            request = request.add_prompt(CoreAuthPrompt::Login);
        }
        for scope in p.scopes.iter().filter(|s| !s.is_empty() && s.as_str() != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        if !p.request_acr.is_empty() {
            request = request.add_auth_context_value(AuthenticationContextClass::new(p.request_acr.clone()));
        }
        let (url, _, _) = request.url();
        Ok(Authorization { url: url.to_string(), pkce_verifier: verifier.secret().clone() })
    }

    /// Exchanges the code and checks the ID token: signature (keys read again once when none
    /// matches), issuer, audience, expiry at `now`, and `nonce`. Tokens are dropped here.
    pub async fn finish(
        &self,
        p: &IdentityProvider,
        redirect: &str,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
        now: DateTime<Utc>,
    ) -> Result<Verified, OidcError> {
        let meta = self.metadata(p).await?;
        let client = Self::client(&meta, p, redirect)?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(unavailable)?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                openidconnect::RequestTokenError::ServerResponse(r) => OidcError::Refused(r.to_string()),
                other => unavailable(other),
            })?;
        let id_token = response.id_token().ok_or_else(|| OidcError::Refused("no ID token".into()))?;
        let nonce = Nonce::new(nonce.to_owned());
        let check = |client: &Client| -> Result<Option<String>, ClaimsVerificationError> {
            let verifier = client.id_token_verifier().set_time_fn(move || now);
            let claims = id_token.claims(&verifier, &nonce)?;
            Ok(claims.auth_context_ref().map(|a| a.to_string()))
        };
        let acr = match check(&client) {
            Ok(acr) => acr,
            Err(ClaimsVerificationError::SignatureVerification(_)) => {
                let meta = self.refresh_keys(p).await?;
                check(&Self::client(&meta, p, redirect)?).map_err(|e| OidcError::Refused(e.to_string()))?
            }
            Err(e) => return Err(OidcError::Refused(e.to_string())),
        };
        // The signature holds for exactly these bytes: their claims are read as plain JSON, so
        // that any claim (nested ones too) can name the person.
        let claims = id_token
            .to_string()
            .split('.')
            .nth(1)
            .and_then(|payload| {
                base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload).ok()
            })
            .and_then(|json| serde_json::from_slice(&json).ok())
            .ok_or_else(|| OidcError::Refused("unreadable ID token claims".into()))?;
        Ok(Verified { claims, acr })
    }
}

/// The value at a dotted path (`profile_attributes.given_name`) of the claims, as text.
pub fn claim(claims: &serde_json::Value, path: &str) -> Option<String> {
    let value = path.split('.').try_fold(claims, |v, key| v.get(key))?;
    match value {
        serde_json::Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_read_by_dotted_path() {
        let claims = serde_json::json!({
            "sub": "EE38001085718",
            "profile_attributes": { "given_name": "MARY ÄNN", "family_name": "O’CONNEŽ-ŠUSLIK" },
            "n": 5, "empty": " "
        });
        assert_eq!(claim(&claims, "sub").as_deref(), Some("EE38001085718"));
        assert_eq!(claim(&claims, "profile_attributes.family_name").as_deref(), Some("O’CONNEŽ-ŠUSLIK"));
        assert_eq!(claim(&claims, "n").as_deref(), Some("5"));
        assert_eq!(claim(&claims, "empty"), None);
        assert_eq!(claim(&claims, "profile_attributes"), None);
        assert_eq!(claim(&claims, "missing.deeper"), None);
    }
}
