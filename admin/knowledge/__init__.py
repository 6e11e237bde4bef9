"""知识库 and what the bot knows: guides, FAQ, synonyms, words, 未答问题, 政策找人 thresholds, 节假日安排."""
