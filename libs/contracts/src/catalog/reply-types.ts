import type { AdministratorView } from '../administrators/administrator';
import type { GroupSummary } from '../groups/group';
import type { GroupMatch } from '../groups/group-search';
import type { ImportItemView, ImportView } from '../imports/import';
import type { Page } from '../pagination';
import type { TechnicianView } from '../technicians/technician';

/** Names for the replies that are generic or inline, so the AsyncAPI document can name them. */
export type TechnicianPage = Page<TechnicianView>;
export type GroupSummaryPage = Page<GroupSummary>;
export type GroupMatchPage = Page<GroupMatch>;
export type AdministratorPage = Page<AdministratorView>;
export type ImportPage = Page<ImportView>;
export type ImportItemPage = Page<ImportItemView>;
/** What a delete answers: the id of what is gone. */
export interface DeletedReply {
  id: string;
}
/** An empty object. */
export type EmptyReply = Record<string, never>;
