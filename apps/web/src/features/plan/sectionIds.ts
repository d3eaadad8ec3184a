/** The DOM id of a section's container, which the table of contents links to. */
export const sectionElementId = (sectionId: string): string => `section-${sectionId}`;

/** The DOM id of a section's title, which names the section and takes focus from the contents. */
export const sectionTitleId = (sectionId: string): string => `section-title-${sectionId}`;
