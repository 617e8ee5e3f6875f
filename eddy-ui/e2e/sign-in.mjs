// Issue 14, against a running Eddy server that has local users (EDDY_URL; an editor EDDY_USER /
// EDDY_PASSWORD and a viewer EDDY_VIEWER / EDDY_VIEWER_PASSWORD, made with `eddy users add`): the
// sign-in page asks for a user name and password (axe: no serious or critical violation, issue 19),
// says why a wrong one fails, signs the editor in
// (name and role in the header), who creates a flow and runs the demo flow; Sign out returns to the sign-in page; the
// viewer signs in and sees the flows with no enabled control that changes them (each says why), and
// the server refuses the viewer a change.
import { launch, runSteps, expect, BASE, APP_HEADERS, pageHelpers, expectNoSeriousA11yViolations } from './lib.mjs';

const EDITOR = { name: process.env.EDDY_USER, password: process.env.EDDY_PASSWORD };
const VIEWER = { name: process.env.EDDY_VIEWER, password: process.env.EDDY_VIEWER_PASSWORD };
const { browser, page, consoleProblems } = await launch();
const { stopRun } = pageHelpers(page);
const signedInAs = () => page.getByTestId('signed-in-as');

async function signInAs(user) {
  await page.getByLabel('User name').fill(user.name);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const ok = await runSteps('sign-in', page, [
  [
    'the sign-in page asks for a user name and password and says why a wrong one fails',
    async () => {
      await page.goto(BASE + '/');
      await page.getByRole('heading', { name: 'Sign in to Eddy' }).waitFor();
      await expectNoSeriousA11yViolations(page, 'the sign-in page');
      expect((await page.getByLabel('Access token').count()) === 0, 'no access-token field on a server with users');
      await signInAs({ name: EDITOR.name, password: 'not the password' });
      await page.getByText('The user name or the password is wrong.').waitFor();
      await expectNoSeriousA11yViolations(page, 'the sign-in page with its error');
    },
  ],
  [
    'the editor signs in, is named in the header and creates a flow',
    async () => {
      await signInAs(EDITOR);
      await signedInAs().waitFor();
      expect((await signedInAs().textContent()).trim() === `${EDITOR.name} (editor)`, 'name and role shown');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('Made by the editor');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/flows\/[^/]+$/);
    },
  ],
  [
    'the editor runs the demo flow and sees its results',
    async () => {
      await page.goto(BASE + '/');
      await page.getByRole('link', { name: 'EMEA orders', exact: true }).first().click();
      await page.waitForURL(/\/flows\/[^/]+$/);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Include historical' }).click();
      await page.locator('table[aria-label="Output events"] tbody tr').first().waitFor({ timeout: 120_000 });
      await stopRun();
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
    'the viewer signs in, sees the flows, and is refused a change',
    async () => {
      await page.goto(BASE + '/');
      await signInAs(VIEWER);
      await signedInAs().waitFor();
      await page.getByText('Made by the editor').first().waitFor();
      const res = await page.request.post('/api/flows', { headers: APP_HEADERS, data: { name: 'Not allowed' } });
      const body = await res.json();
      expect(
        res.status() === 403 && /needs the role editor/.test(body.error),
        `POST answered ${res.status()}: ${body.error}`,
      );
    },
  ],
  [
    'the viewer sees no enabled control that would change anything, and why',
    async () => {
      await page.getByTestId('role-reason').waitFor();
      for (const name of ['Create', 'Import']) {
        expect(await page.getByRole('button', { name, exact: true }).isDisabled(), `${name} is disabled`);
      }
      expect((await page.getByRole('button', { name: /^Options for/ }).count()) === 0, 'no flow options menu');
      await page.getByRole('link', { name: 'Made by the editor' }).first().click();
      await page.waitForURL(/\/flows\/[^/]+$/);
      const reason = page.getByTestId('role-reason');
      await reason.waitFor();
      expect(/needs the role editor/.test(await reason.textContent()), 'the canvas says why nothing can be changed');
      expect(
        /needs the role editor/.test(await page.locator('[data-run-control]').getAttribute('title')),
        'Run says the role keeps it disabled',
      );
      expect((await page.getByRole('navigation', { name: 'Nodes' }).count()) === 0, 'no palette');
      // no enabled button on the page changes the flow, runs or deploys it
      const enabled = await page
        .locator('button:not([disabled])')
        .evaluateAll((buttons) =>
          buttons
            .filter((b) => b.offsetParent !== null)
            .map((b) => (b.getAttribute('aria-label') || b.textContent || '').trim()),
        );
      const changing = enabled.filter((n) =>
        /^(Create|Import|Export|Deploy|Run|Rename|Duplicate|Delete|Restore|Undo|Save)/.test(n),
      );
      expect(changing.length === 0, `enabled change controls: ${changing.join(', ')}`);
    },
  ],
  [
    'no console errors',
    async () => {
      // the wrong password's 401 and the sign-in page's own 401s are answers the page expects
      const unexpected = consoleProblems.filter((p) => !/status of 401/.test(p));
      expect(unexpected.length === 0, unexpected.join('\n'));
    },
  ],
]);

await browser.close();
process.exit(ok ? 0 : 1);
