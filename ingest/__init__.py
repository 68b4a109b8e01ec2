"""Turning files into provisions and indexes: loaders → statute/document parsers → atomic index builds."""
