import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportView } from '../api/imports';
import { statusColor } from './import-summary';

export function ImportStatusBadge({ status }: { status: ImportView['status'] }) {
  const { t } = useTranslation('imports');
  return (
    <Badge color={statusColor(status)} variant="dot" miw="max-content">
      {t(`status.${status}`)}
    </Badge>
  );
}
