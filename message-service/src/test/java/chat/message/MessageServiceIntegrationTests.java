package chat.message;

import chat.testsupport.StandardServiceChecks;

class MessageServiceIntegrationTests extends StandardServiceChecks {}
