// The OpenID provider of the integration tests: the certified `oidc-provider` package with a
// login and consent page of its own (a form per step, so tests drive it over HTTP like a browser),
// a cancel button (error=access_denied), and accounts carrying a name, a national identifier,
// an `acr` level and an email address.
//
// Environment: PORT (0 = any free port; the chosen one is printed as "listening <port>"),
// CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS (comma-separated), ID_TOKEN_TTL (seconds, default 60),
// KID (key id; default a fresh one, and the RSA key is always fresh: a restart rotates the keys),
// TAMPER_JWKS=1 (publish another key under the signing key's id: every token then fails its
// signature check), ACCOUNTS (JSON object id → claims and "acr", merged over the built-in ones).
// The process ends when its standard input closes, so it never outlives the test process.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

const env = process.env;
const port = Number(env.PORT || 0);
const ttl = Number(env.ID_TOKEN_TTL || 60);
const kid = env.KID || randomUUID();

const accounts = {
  maija: { acr: 'high', name: 'Maija Mallikas', hetu: '010190-900P', email: 'maija@example.fi', email_verified: true },
  matti: { acr: 'high', name: 'Matti Meikäläinen', hetu: '020280-9551', email: 'matti@example.fi', email_verified: true },
  low: { acr: 'low', name: 'Lauri Matala', hetu: '030370-9417', email: 'lauri@example.fi', email_verified: true },
  noid: { acr: 'high', name: 'Nimi Ilman', email: 'nimi@example.fi', email_verified: true },
  unverified: { acr: 'high', name: 'Ulla Vahvistamaton', hetu: '040460-9346', email: 'ulla@example.fi', email_verified: false },
  newcomer: { acr: 'high', name: 'Uusi Työntekijä', hetu: '050550-9235', email: 'uusi@shop.example', email_verified: true },
  ...JSON.parse(env.ACCOUNTS || '{}'),
};

const jwk = (key) => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' });
const signing = jwk(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
const published = env.TAMPER_JWKS === '1'
  ? (({ d, p, q, dp, dq, qi, ...pub }) => pub)(jwk(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey))
  : null;

let issuer = '';
const server = createServer();

function page(res, html) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><body>${html}</body></html>`);
}

async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return Object.fromEntries(new URLSearchParams(text));
}

async function interaction(provider, req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  if (req.method === 'GET') {
    if (prompt.name === 'login') {
      return page(res, `<form method="post" action="/interaction/${uid}/login">
<input name="login"><button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>`);
    }
    return page(res, `<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>`);
  }
  if (action === 'abort') {
    return provider.interactionFinished(req, res,
      { error: 'access_denied', error_description: 'the person cancelled' }, { mergeWithLastSubmission: false });
  }
  if (action === 'login') {
    const { login } = await body(req);
    const account = accounts[login];
    if (!account) return page(res, `<p>unknown account</p>`);
    return provider.interactionFinished(req, res,
      { login: { accountId: login, acr: account.acr } }, { mergeWithLastSubmission: false });
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  const missing = prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes || {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

server.listen(port, '127.0.0.1', () => {
  const actual = server.address().port;
  issuer = `http://127.0.0.1:${actual}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: env.CLIENT_ID || 'dsr-desk',
      client_secret: env.CLIENT_SECRET || 'dsr-desk-test-secret',
      redirect_uris: (env.REDIRECT_URIS || 'http://127.0.0.1:8080/identify/callback').split(','),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    pkce: { required: () => true },
    acrValues: ['low', 'substantial', 'high'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'hetu'],
      email: ['email', 'email_verified'],
    },
    // The claims asked for by scope go into the ID token itself, as identity brokers do.
    conformIdTokenClaims: false,
    findAccount: async (ctx, id) => accounts[id] && {
      accountId: id,
      claims: async () => {
        const { acr, ...claims } = accounts[id];
        return { sub: id, ...claims };
      },
    },
    interactions: { url: (ctx, i) => `/interaction/${i.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['dsr-desk-test-cookie-key'] },
    jwks: { keys: [signing] },
    ttl: { IdToken: ttl, AccessToken: 600, AuthorizationCode: 120, Interaction: 600, Session: 600, Grant: 600 },
  });
  const app = provider.callback();
  server.on('request', async (req, res) => {
    try {
      const path = new URL(req.url, issuer).pathname;
      const m = path.match(/^\/interaction\/([^/]+)(?:\/(login|confirm|abort))?$/);
      if (m) return await interaction(provider, req, res, m[1], m[2]);
      if (published && path === '/jwks') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ keys: [published] }));
      }
      return app(req, res);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  });
  console.log(`listening ${actual}`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
