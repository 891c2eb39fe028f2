import type { OrganizationDto } from '@gatehouse/client/dto';
import { useEntity } from '../../api/use-entity.ts';
import { DeleteButton } from '../../components/delete-button.tsx';
import { FormButton } from '../../components/form-button.tsx';
import { NameDescriptionForm } from '../../components/name-description-form.tsx';
import { Badge } from '../../ui/badge.tsx';
import { CopyValue } from '../../ui/copy-value.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { OrganizationInvitationsTab } from './organization-invitations-tab.tsx';
import { OrganizationJitTab } from './organization-jit-tab.tsx';
import { OrganizationMembersTab } from './organization-members-tab.tsx';

export function OrganizationDetailPage({ id }: { id: string }) {
  const { path, query } = useEntity<OrganizationDto>('organizations', id);
  return (
    <QueryView query={query}>
      {(org) => (
        <>
          <PageHeader
            back={{ to: '/organizations', label: 'Organizations' }}
            title={org.name}
            description={
              <>
                {org.isMfaRequired && <Badge tone="warning">MFA required</Badge>} {org.description}
              </>
            }
            actions={
              <>
                <FormButton
                  method="PATCH"
                  label="Edit organization"
                  path={path}
                  onSent={query.reload}
                  form={(props) => <NameDescriptionForm label="Edit organization" nameLabel="Organization name" initial={org} {...props} />}
                />
                <DeleteButton label="Delete organization" title="Delete this organization?" path={path} then="/organizations">
                  <p>
                    Every member of <strong>{org.name}</strong> loses their membership and organization roles; their organization tokens are
                    refused at the next refresh.
                  </p>
                </DeleteButton>
              </>
            }
          />
          <div className="stack">
            <p>
              Organization ID <CopyValue label="Organization ID" value={org.id} />
            </p>
            <Tabs
              label="Organization"
              tabs={[
                { id: 'members', label: 'Members', content: () => <OrganizationMembersTab org={org} /> },
                { id: 'invitations', label: 'Invitations', content: () => <OrganizationInvitationsTab org={org} /> },
                { id: 'jit', label: 'Just-in-time', content: () => <OrganizationJitTab org={org} /> },
              ]}
            />
          </div>
        </>
      )}
    </QueryView>
  );
}
