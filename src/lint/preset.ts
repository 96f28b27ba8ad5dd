import type { Rule } from './types.js';
import { arxivLink } from './rules/arxiv-link.js';
import { category } from './rules/category.js';
import { codeLink } from './rules/code-link.js';
import { copyPaste } from './rules/copy-paste.js';
import { duplicateAcrossSections } from './rules/duplicate-across-sections.js';
import { duplicateInTable } from './rules/duplicate-in-table.js';
import { paperTable } from './rules/paper-table.js';
import { rowOrder } from './rules/row-order.js';
import { tableCut } from './rules/table-cut.js';
import { tableShape } from './rules/table-shape.js';
import { tagVocabulary } from './rules/tag-vocabulary.js';
import { tags } from './rules/tags.js';
import { titleLink } from './rules/title-link.js';
import { tldr } from './rules/tldr.js';
import { tldrMarkup } from './rules/tldr-markup.js';
import { tocAnchor } from './rules/toc-anchor.js';
import { venue } from './rules/venue.js';
import { venueYear } from './rules/venue-year.js';

/** Every rule, in the order findings on one line are listed. */
export const RULES: readonly Rule[] = [
  paperTable,
  tableShape,
  tableCut,
  titleLink,
  arxivLink,
  venue,
  venueYear,
  tags,
  tagVocabulary,
  codeLink,
  tldr,
  tldrMarkup,
  duplicateInTable,
  duplicateAcrossSections,
  copyPaste,
  tocAnchor,
  category,
  rowOrder,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);
