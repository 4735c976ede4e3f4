import type { TFunction } from 'i18next';
import { fieldMessages, problemOnForm } from '../ui/problem';

/** The spec's limits of a Technician Group's fields (the server checks them too). */
export const NAME_MAX = 128;
export const DESCRIPTION_MAX = 1024;

/** The browser's checks of a group's name and description, for every group form. */
export function groupFieldRules(t: TFunction) {
  return {
    name: (value: string) =>
      !value.trim()
        ? t('tree:form.nameRequired')
        : value.trim().length > NAME_MAX
          ? t('tree:form.nameTooLong', { count: NAME_MAX })
          : null,
    description: (value: string) =>
      value.length > DESCRIPTION_MAX
        ? t('tree:form.descriptionTooLong', { count: DESCRIPTION_MAX })
        : null,
  };
}

const GROUP_FIELDS = ['name', 'description', 'permissions'] as const;

/** A refusal of a group form: the messages of its fields, and what concerns none of them. */
export function groupFormProblem(error: unknown, t: TFunction) {
  const problem = problemOnForm(error, t, GROUP_FIELDS);
  return { fields: fieldMessages(problem.fields), message: problem.message };
}
