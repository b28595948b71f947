package chat.realtime;

import chat.testsupport.StandardServiceChecks;

class RealtimeServiceIntegrationTests extends StandardServiceChecks {}
