/** Classes that break the architecture rules on purpose, for the tests that show the rules can fail. */
package chat.archfixture;
