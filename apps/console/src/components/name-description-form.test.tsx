// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { nextTask, problem, renderWithApi, submit, type } from '../test-support/render.tsx';
import { NameDescriptionForm } from './name-description-form.tsx';

// The edit forms of roles and applications (PATCH {name, description}).
describe.each([
  { entity: 'role', label: 'Edit role', nameLabel: 'Role name' },
  { entity: 'application', label: 'Edit application', nameLabel: 'Name' },
])('NameDescriptionForm editing a $entity', ({ label, nameLabel }) => {
  const render = (onSubmit = vi.fn()) => {
    const nameField = nameLabel === 'Name' ? undefined : nameLabel;
    renderWithApi(
      <NameDescriptionForm
        label={label}
        nameLabel={nameField}
        initial={{ name: 'user:reader', description: 'Reads' }}
        onSubmit={onSubmit}
      />,
    );
    return onSubmit;
  };
  const name = new RegExp(`^${nameLabel}`);

  it('starts from the current values', () => {
    render();
    expect(screen.getByLabelText<HTMLInputElement>(name).value).toBe('user:reader');
    expect(screen.getByLabelText<HTMLInputElement>('Description').value).toBe('Reads');
    expect(screen.getByRole('form', { name: label })).toBeTruthy();
  });

  it('refuses a blank name, sends nothing and focuses the field', async () => {
    const onSubmit = render();
    type(name, '   ');
    submit('Save');
    expect(await screen.findByText('must not be empty')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
    await nextTask();
    expect(document.activeElement).toBe(screen.getByLabelText(name));
  });

  it('refuses a name over 256 and a description over 2048 characters', async () => {
    const onSubmit = render();
    type(name, 'x'.repeat(257));
    type('Description', 'd'.repeat(2049));
    submit('Save');
    expect(await screen.findByText('must be at most 256 characters')).toBeTruthy();
    expect(screen.getByText('must be at most 2048 characters')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the trimmed name, and an emptied description as null', async () => {
    const onSubmit = render(vi.fn().mockResolvedValue(undefined));
    type(name, '  user:viewer ');
    type('Description', '  ');
    submit('Save');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: 'user:viewer', description: null }));
  });

  it("shows the server's problem and its field error on the name", async () => {
    render(vi.fn().mockRejectedValue(problem(409, 'The name is taken.', [{ path: 'name', message: 'is taken' }])));
    submit('Save');
    expect((await screen.findByRole('alert')).textContent).toContain('The name is taken.');
    expect(screen.getByLabelText(name).getAttribute('aria-invalid')).toBe('true');
  });
});
