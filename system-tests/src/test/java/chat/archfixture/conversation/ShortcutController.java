package chat.archfixture.conversation;

import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Fixture: a controller reading a repository directly. */
@RestController
class ShortcutController {
    Repository<ConversationTable, Long> tables;
}
