// Issue 14, against a running Eddy server with OpenID Connect configured (EDDY_URL; the provider's
// button says "Sign in with EDDY_OIDC_NAME" and signs in EDDY_OIDC_USER as an editor): the sign-in
// page offers the provider, the browser goes to the provider and back, the user is named in the
// header with the role the provider's groups gave, creates a flow, and Sign out ends the session.
import { launch, runSteps, expect, BASE, APP_HEADERS, expectNoSeriousA11yViolations } from './lib.mjs';

const PROVIDER = process.env.EDDY_OIDC_NAME;
const USER = process.env.EDDY_OIDC_USER;
const { browser, page, consoleProblems } = await launch();
const signedInAs = () => page.getByTestId('signed-in-as');

const ok = await runSteps('oidc-sign-in', page, [
  [
    `the sign-in page offers "Sign in with ${PROVIDER}", which goes to the provider and back signed in`,
    async () => {
      await page.goto(BASE + '/');
      await page.getByRole('heading', { name: 'Sign in to Eddy' }).waitFor();
      await expectNoSeriousA11yViolations(page, 'the sign-in page with an OpenID Connect provider');
      await page.getByRole('link', { name: `Sign in with ${PROVIDER}` }).click();
      await signedInAs().waitFor();
      expect((await signedInAs().textContent()).trim() === `${USER} (editor)`, 'name and role from the provider');
      expect(new URL(page.url()).pathname === '/', `back in the app at ${page.url()}`);
    },
  ],
  [
    'the editor creates a flow',
    async () => {
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('Made after OpenID Connect sign-in');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/flows\/[^/]+$/);
    },
  ],
  [
    'Sign out returns to the sign-in page, and the session is over',
    async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Eddy' }).waitFor();
      const res = await page.request.get('/api/flows', { headers: APP_HEADERS });
      expect(res.status() === 401, `after sign-out GET /api/flows answered ${res.status()}`);
    },
  ],
  [
    'no console errors',
    async () => {
      // the sign-in page's own 401s are answers the page expects
      const unexpected = consoleProblems.filter((p) => !/status of 401/.test(p));
      expect(unexpected.length === 0, unexpected.join('\n'));
    },
  ],
]);

await browser.close();
process.exit(ok ? 0 : 1);
