// What the console knows about this tab's session and the open screens, shared by the modules.

export const state = { me: null, caseRef: null, caseData: null, savedReplies: [], suggestions: [], firstRoute: true, pendingBulk: null, trendsDays: null };
