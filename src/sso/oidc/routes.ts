// Every endpoint of the provider lives under /oidc (DESIGN.md pitfalls: the provider never answers other paths);
// discovery stays at the issuer's root, /.well-known/openid-configuration.
export const OIDC_PREFIX = '/oidc';

export const OIDC_ROUTES = {
  authorization: `${OIDC_PREFIX}/auth`,
  token: `${OIDC_PREFIX}/token`,
  userinfo: `${OIDC_PREFIX}/userinfo`,
  jwks: `${OIDC_PREFIX}/jwks`,
  end_session: `${OIDC_PREFIX}/session/end`,
  revocation: `${OIDC_PREFIX}/token/revocation`,
  introspection: `${OIDC_PREFIX}/token/introspection`,
  pushed_authorization_request: `${OIDC_PREFIX}/request`,
  registration: `${OIDC_PREFIX}/reg`,
  device_authorization: `${OIDC_PREFIX}/device/auth`,
  code_verification: `${OIDC_PREFIX}/device`,
  backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
  challenge: `${OIDC_PREFIX}/challenge`,
  credential: `${OIDC_PREFIX}/credential`,
};

/** Where oidc-provider sends the browser when it needs the person: our route, not the provider's. */
export const interactionPath = (uid: string) => `${OIDC_PREFIX}/interaction/${uid}`;
