import { PageHeader } from '../../ui/page-header.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { CustomizerPanel } from './customizer-panel.tsx';

/** Custom JWT claims: one script per token type, as in Logto. */
export function JwtPage() {
  return (
    <>
      <PageHeader
        title="Custom JWT"
        description="Add claims to access tokens with a script that runs in a sandbox. For Hasura, enable the preset: it adds https://hasura.io/jwt/claims from the user's roles."
      />
      <Tabs
        label="Token type"
        keepMounted
        tabs={[
          { id: 'access-token', label: 'User access tokens', content: () => <CustomizerPanel tokenType="access-token" /> },
          {
            id: 'client-credentials',
            label: 'Machine-to-machine tokens',
            content: () => <CustomizerPanel tokenType="client-credentials" />,
          },
        ]}
      />
    </>
  );
}
